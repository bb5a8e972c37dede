import { DefaultDocumentBuilder, DocumentState, URI, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from '../../drbd/model.js';
import type { DrbdServices } from '../drbd-module.js';
import type { DrbdConfigurations } from './drbd-configurations.js';

/**
 * An edit in one file of a configuration can change the diagnostics of every other file of it
 * (duplicate minors, node-ids, includes). Those files are validated again only when their
 * findings did change: after the changed files are parsed, the configurations they were and are
 * part of are analysed (once each), and each other file's findings are compared with those it
 * was last validated with. Langium's own relinking is not needed: DRBD files have no references.
 */
export class DrbdDocumentBuilder extends DefaultDocumentBuilder {
    /** Files that shared a configuration with a changed or deleted file before the change. */
    private sharedBefore = new Set<string>();
    private changedPaths = new Set<string>();
    /** Fingerprint of the findings each document was last validated with. */
    private readonly validatedWith = new Map<string, string>();
    /** resultsAreIncomplete's answer for update, by the list of validation categories run. */
    private readonly incompleteAfter = new WeakMap<readonly string[], boolean>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Validated, (document) => {
            this.validatedWith.set(document.uri.toString(), fingerprint(this.configurations().findingsOf(document)));
        });
    }

    private configurations(): DrbdConfigurations {
        return (this.serviceRegistry.all[0] as DrbdServices).drbd.Configurations;
    }

    protected override async emitUpdate(changed: URI[], deleted: URI[]): Promise<void> {
        const paths = [...changed, ...deleted].map((uri) => uri.fsPath);
        paths.forEach((p) => this.changedPaths.add(p));
        // The include graph still has the changed files as they were (they are parsed later).
        this.configurations().includeGraph().sharingWith(paths).forEach((p) => this.sharedBefore.add(p));
        deleted.forEach((uri) => this.validatedWith.delete(uri.toString()));
        await super.emitUpdate(changed, deleted);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        const building = new Set(documents.map((d) => d.uri.toString()));
        if (!this.langiumDocuments.all.some((d) => d.state === DocumentState.Validated && !building.has(d.uri.toString()))) {
            // Nothing outside this build has diagnostics that could go stale.
            this.sharedBefore = new Set();
            this.changedPaths = new Set();
            return super.buildDocuments(documents, options, cancelToken);
        }
        // Parse first: which files share a configuration with the changed ones depends on their
        // includes. (If this is cancelled, the next build starts from the same sets.)
        await this.runCancelable(documents, DocumentState.Parsed, cancelToken, (doc) => this.langiumDocumentFactory.update(doc, cancelToken));
        const candidates = this.configurations().includeGraph().sharingWith(this.changedPaths);
        this.sharedBefore.forEach((p) => candidates.add(p));
        this.sharedBefore = new Set();
        this.changedPaths = new Set();
        const more: LangiumDocument[] = [];
        const byPath = this.configurations().documentsByPath();
        for (const path of candidates) {
            const document = byPath.get(path);
            if (!document || building.has(document.uri.toString()) || document.state < DocumentState.Validated) continue;
            const before = this.validatedWith.get(document.uri.toString());
            if (before === undefined || before !== fingerprint(this.configurations().findingsOf(document))) {
                this.resetToState(document, DocumentState.IndexedReferences);
                more.push(document);
            }
        }
        await super.buildDocuments(more.length > 0 ? [...documents, ...more] : documents, options, cancelToken);
    }

    /**
     * Langium asks this of every document of the workspace at every edit, building sets of
     * validation categories each time; the answer changes only when the document is validated,
     * which gives it a new list of the categories run.
     */
    protected override resultsAreIncomplete(document: LangiumDocument, options: BuildOptions): boolean {
        const checks = this.buildState.get(document.uri.toString())?.result?.validationChecks;
        if (!checks || options !== this.updateBuildOptions) return super.resultsAreIncomplete(document, options);
        let incomplete = this.incompleteAfter.get(checks);
        if (incomplete === undefined) this.incompleteAfter.set(checks, (incomplete = super.resultsAreIncomplete(document, options)));
        return incomplete;
    }

    /** Indexing, scoping and linking have nothing to do (no references): the states advance, the AST is not walked. */
    protected override runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: CancellationToken, callback: (document: LangiumDocument) => unknown): Promise<void> {
        const referencePhase = targetState > DocumentState.Parsed && targetState <= DocumentState.IndexedReferences;
        return super.runCancelable(documents, targetState, cancelToken, referencePhase ? () => undefined : callback);
    }
}

function fingerprint(findings: Diagnostic[]): string {
    return JSON.stringify(findings.map((d) => [d.loc.startLine, d.loc.startChar, d.loc.endLine, d.loc.endChar, d.severity, d.code, d.message]));
}
