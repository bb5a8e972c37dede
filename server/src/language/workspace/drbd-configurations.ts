import { dirname, isAbsolute, resolve } from 'node:path';
import { DocumentState, URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import { analyzeConfig, type Analysis } from '../../drbd/analyze.js';
import type { ConfigSource, ParsedSource } from '../../drbd/build/build-config.js';
import { globLikeC } from '../../drbd/build/include-glob.js';
import { diskSource } from '../../drbd/load-config.js';
import { isIncludeStatement, type DrbdFile } from '../generated/ast.js';
import { syntaxDiagnostics } from '../syntax-diagnostics.js';
import type { DrbdServices } from '../drbd-module.js';

/**
 * The configurations of the workspace. drbdadm reads one main file and everything it includes;
 * a `.res` file alone is only a part. So every document is analysed as part of the
 * configuration(s) whose main file includes it (or as its own main file when nothing includes
 * it), from the editor's current text where a file is open and from disk elsewhere.
 */
export class DrbdConfigurations {
    private readonly documents: LangiumDocuments;
    private readonly analyses = new Map<string, Analysis>();
    private readonly includes = new Map<string, { version: number; targets: string[] }>();

    constructor(services: DrbdServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        // Any edit may change any configuration: analyses are cheap to redo, stale ones are wrong.
        services.shared.workspace.DocumentBuilder.onUpdate(() => this.analyses.clear());
    }

    /** Absolute paths of the files a document's `include` statements name (globbed now). */
    includedBy(document: LangiumDocument): string[] {
        const key = document.uri.toString();
        const version = document.textDocument.version;
        const cached = this.includes.get(key);
        if (cached?.version === version) {
            return cached.targets;
        }
        const dir = dirname(document.uri.fsPath);
        const targets = (document.parseResult.value as DrbdFile).statements
            .filter(isIncludeStatement)
            .flatMap((include) => globLikeC(include.pattern ?? '', dir).map((p) => (isAbsolute(p) ? p : resolve(dir, p))));
        this.includes.set(key, { version, targets });
        return targets;
    }

    /** The main files whose configuration contains this file. */
    mainFilesOf(path: string): string[] {
        const parents = new Map<string, string[]>();
        for (const document of this.documents.all) {
            if (document.state < DocumentState.Parsed || document.parseResult.value.$type !== 'DrbdFile') continue;
            for (const child of this.includedBy(document)) {
                const list = parents.get(child) ?? [];
                list.push(document.uri.fsPath);
                parents.set(child, list);
            }
        }
        const roots = new Set<string>();
        const seen = new Set<string>();
        const climb = (p: string) => {
            if (seen.has(p)) return;
            seen.add(p);
            const up = parents.get(p)?.filter((q) => q !== p) ?? [];
            if (up.length === 0) roots.add(p);
            up.forEach(climb);
        };
        climb(path);
        // In an include cycle every member has a parent; the file itself is then the root.
        return roots.size > 0 ? [...roots] : [path];
    }

    /** drbdadm's reading of the configuration that starts at this main file. */
    analysis(mainFile: string): Analysis {
        let analysis = this.analyses.get(mainFile);
        if (!analysis) {
            analysis = analyzeConfig(mainFile, {}, this.currentSource());
            this.analyses.set(mainFile, analysis);
        }
        return analysis;
    }

    /** Analyses of every configuration this document is part of. */
    analysesOf(document: LangiumDocument): Analysis[] {
        return this.mainFilesOf(document.uri.fsPath).map((main) => this.analysis(main));
    }

    /** Files as the editor has them now: open documents' text, the disk for the rest. */
    currentSource(): ConfigSource {
        return {
            read: (path: string): ParsedSource | string => {
                const document = this.documents.getDocument(URI.file(path));
                if (!document || document.state < DocumentState.Parsed) {
                    return diskSource.read(path);
                }
                const text = document.textDocument.getText();
                return {
                    ast: document.parseResult.value as DrbdFile,
                    syntaxErrors: syntaxDiagnostics(document, path),
                    endLine: 1 + (text.match(/\n/g)?.length ?? 0),
                };
            },
        };
    }
}
