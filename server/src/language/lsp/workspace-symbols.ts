import { type LangiumDocument, type LangiumDocuments } from 'langium';
import type { FuzzyMatcher, LangiumSharedServices, WorkspaceSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import type { DrbdFile } from '../../syntax/generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';
import { configurationDocuments } from './configuration-documents.js';
import { documentSymbols } from './document-symbols.js';

/** Resources and their host sections, flattened, with the resource as container. */
export function resourceAndHostSymbols(uri: string, file: DrbdFile): WorkspaceSymbol[] {
    const out: WorkspaceSymbol[] = [];
    const visit = (symbols: DocumentSymbol[] | undefined, container?: string) => {
        for (const s of symbols ?? []) {
            if (s.kind !== SymbolKind.Class && s.detail !== 'resource') continue;
            out.push({ name: s.name, kind: s.kind, location: { uri, range: s.selectionRange }, ...(container ? { containerName: container } : {}) });
            visit(s.children, s.name);
        }
    };
    visit(documentSymbols(file));
    return out;
}

/**
 * Resources and host sections of every DRBD file of the workspace and of the files their
 * configurations include (also those outside the workspace folders). A shared service: it is
 * registered in the shared module.
 */
export class DrbdWorkspaceSymbolProvider implements WorkspaceSymbolProvider {
    private readonly documents: LangiumDocuments;
    private readonly fuzzy: FuzzyMatcher;

    constructor(private readonly shared: LangiumSharedServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.fuzzy = shared.lsp.FuzzyMatcher;
    }

    getSymbols(params: WorkspaceSymbolParams): WorkspaceSymbol[] {
        const services = this.shared.ServiceRegistry.all[0] as DrbdServices | undefined;
        const files = new Map<string, LangiumDocument<DrbdFile>>();
        for (const doc of this.documents.all) {
            if (doc.parseResult.value.$type !== 'DrbdFile') continue;
            for (const d of services ? configurationDocuments(services, doc) : [doc as LangiumDocument<DrbdFile>]) files.set(d.uri.toString(), d);
        }
        return [...files.values()]
            .flatMap((d) => resourceAndHostSymbols(d.uri.toString(), d.parseResult.value))
            .filter((s) => this.fuzzy.match(params.query, s.name));
    }
}
