import { dirname } from 'node:path';
import { DocumentState, URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import { analyzeConfig, type Analysis } from '../../reader/analyze.js';
import { realpathOr, type ConfigSource, type ParsedSource } from '../../reader/build/build-config.js';
import { includedPath } from '../../reader/build/include-glob.js';
import { ResourceBuildCache } from '../../reader/build/resource-cache.js';
import { diskSource } from '../../reader/load-config.js';
import type { Diagnostic } from '../../drbd/model.js';
import { DEFAULT_RELEASE, type ReleaseVersion } from '../../drbd/release.js';
import type { DrbdFile, IncludeStatement } from '../../syntax/generated/ast.js';
import { syntaxDiagnostics } from '../../reader/syntax-diagnostics.js';
import type { DrbdServices } from '../drbd-module.js';
import { GlobCache } from './glob-cache.js';
import { IncludeGraph } from './include-graph.js';

/** An analysis' findings by the file they point into. */
interface FindingsByFile {
    parse: Map<string, Diagnostic[]>;
    postParse: Map<string, Diagnostic[]>;
}

/**
 * The configurations of the workspace. drbdadm reads one main file and everything it includes;
 * a `.res` file alone is only a part. So every document is analysed as part of the
 * configuration(s) whose main file includes it (or as its own main file when nothing includes
 * it), from the editor's current text where a file is open and from disk elsewhere.
 *
 * Everything here is computed at most once per workspace state: the analyses are dropped when a
 * document changes or is parsed again, the include graph when a document is deleted or parsed
 * with other includes (or is new); a document's ParsedSource lives as long as its syntax tree.
 */
export class DrbdConfigurations {
    private readonly documents: LangiumDocuments;
    private readonly analyses = new Map<string, Analysis>();
    private readonly findingsByFile = new WeakMap<Analysis, FindingsByFile>();
    private readonly parsed = new WeakMap<DrbdFile, ParsedSource>();
    private graph: IncludeGraph | undefined;
    /** Resources of unchanged syntax trees are not built again at every analysis. */
    readonly buildCache = new ResourceBuildCache();
    private target: ReleaseVersion = DEFAULT_RELEASE;
    /**
     * Real paths of the workspace's documents (a realpath per file and analysis was a tenth of an
     * edit in a 1 000-file configuration): an entry goes when a change to its file or a folder
     * above it is reported, all go on a deletion (it may be of a link).
     */
    private readonly realpaths = new Map<string, string>();
    private readonly globs = new GlobCache();

    constructor(services: DrbdServices) {
        this.documents = services.shared.workspace.LangiumDocuments;
        const builder = services.shared.workspace.DocumentBuilder;
        // Any edit may change any configuration: analyses are cheap to redo, stale ones are wrong.
        // The include graph stays while the documents and their includes do: a changed document
        // is looked at again once parsed, a new one is not in the graph yet.
        builder.onUpdate((changed, deleted) => {
            this.analyses.clear();
            if (deleted.length > 0) this.graph = undefined;
            this.forgetRealpaths(changed, deleted);
        });
        builder.onDocumentPhase(DocumentState.Parsed, (document) => {
            this.analyses.clear();
            const same = document.parseResult.value.$type === 'DrbdFile' && this.graph?.hasIncludes(document.uri.fsPath, this.includedBy(document));
            if (!same) this.graph = undefined;
        });
    }

    private forgetRealpaths(changed: URI[], deleted: URI[]): void {
        if (deleted.length > 0) {
            this.realpaths.clear();
            return;
        }
        if (changed.length === 0) return;
        const paths = new Set(changed.map((uri) => uri.fsPath));
        const affected = (path: string): boolean => {
            for (let p = path, up = dirname(p); ; p = up, up = dirname(p)) {
                if (paths.has(p)) return true;
                if (up === p) return false;
            }
        };
        for (const known of this.realpaths.keys()) if (affected(known)) this.realpaths.delete(known);
    }

    /** Absolute paths of the files a document's `include` statements name (globbed now). */
    includedBy(document: LangiumDocument): string[] {
        const dir = dirname(document.uri.fsPath);
        // By `$type`, not isIncludeStatement: Langium's subtype check builds a key string per
        // call, and this runs over every statement of the edited file at every keystroke.
        return (document.parseResult.value as DrbdFile).statements
            .filter((statement): statement is IncludeStatement => statement.$type === 'IncludeStatement')
            .flatMap((include) => this.globs.glob(include.pattern ?? '', dir).map((p) => includedPath(dir, p)));
    }

    /** Who includes whom among the documents, as parsed now (a changed, not yet parsed document counts as it was). */
    includeGraph(): IncludeGraph {
        if (!this.graph) {
            const includes = new Map<string, string[]>();
            for (const document of this.documents.all) {
                if (document.parseResult?.value.$type !== 'DrbdFile') continue;
                includes.set(document.uri.fsPath, this.includedBy(document));
            }
            this.graph = new IncludeGraph(includes);
        }
        return this.graph;
    }

    /** The main files whose configuration contains this file. */
    mainFilesOf(path: string): string[] {
        return this.includeGraph().mainFilesOf(path);
    }

    /** The drbd-utils release every configuration is read as (a known one: see resolveRelease). */
    get release(): ReleaseVersion {
        return this.target;
    }

    set release(release: ReleaseVersion) {
        if (release === this.target) return;
        this.target = release;
        this.analyses.clear();
    }

    /** drbdadm's reading of the configuration that starts at this main file. */
    analysis(mainFile: string): Analysis {
        let analysis = this.analyses.get(mainFile);
        if (!analysis) {
            analysis = analyzeConfig(mainFile, { cache: this.buildCache, release: this.target }, this.currentSource());
            this.analyses.set(mainFile, analysis);
        }
        return analysis;
    }

    /** Analyses of every configuration this document is part of. */
    analysesOf(document: LangiumDocument): Analysis[] {
        return this.mainFilesOf(document.uri.fsPath).map((main) => this.analysis(main));
    }

    /**
     * drbdadm's findings in this document from every configuration it is part of: the parse-time
     * ones (not the syntax errors, which the parser reports itself), then the post-parse ones,
     * each once; the echo lines drbdadm prints about other places are left out.
     */
    findingsOf(document: LangiumDocument): Diagnostic[] {
        const path = document.uri.fsPath;
        const analyses = this.analysesOf(document);
        // Asked of every file of a configuration at every keystroke; most files have no findings.
        if (analyses.every((analysis) => !this.byFile(analysis).parse.has(path) && !this.byFile(analysis).postParse.has(path))) return [];
        return (['parse', 'postParse'] as const).flatMap((phase) => {
            const seen = new Set<string>();
            return analyses.flatMap((analysis) => (this.byFile(analysis)[phase].get(path) ?? []).filter((d) => {
                const key = `${d.loc.startLine}:${d.loc.startChar}:${d.message}`;
                return !seen.has(key) && seen.add(key);
            }));
        });
    }

    private byFile(analysis: Analysis): FindingsByFile {
        let found = this.findingsByFile.get(analysis);
        if (!found) {
            const index = (diagnostics: Diagnostic[]) => {
                const map = new Map<string, Diagnostic[]>();
                for (const d of diagnostics) {
                    if (d.drbdadmEcho || d.code === 'syntax') continue;
                    const list = map.get(d.loc.file);
                    if (list) list.push(d);
                    else map.set(d.loc.file, [d]);
                }
                return map;
            };
            found = { parse: index(analysis.parseDiagnostics), postParse: index(analysis.postParseDiagnostics) };
            this.findingsByFile.set(analysis, found);
        }
        return found;
    }

    /** The workspace's documents by file path. */
    documentsByPath(): Map<string, LangiumDocument> {
        return new Map(this.documents.all.map((document) => [document.uri.fsPath, document] as const));
    }

    /** Files as the editor has them now: open documents' text, the disk for the rest. */
    currentSource(): ConfigSource {
        // One lookup table per analysis: looking each file up by URI was a tenth of an analysis.
        const byPath = this.documentsByPath();
        return {
            realpath: (path: string): string => {
                let real = this.realpaths.get(path);
                if (real === undefined) {
                    // Only the workspace's documents have their changes reported.
                    if (!byPath.has(path)) return realpathOr(path);
                    real = realpathOr(path);
                    this.realpaths.set(path, real);
                }
                return real;
            },
            glob: (pattern: string, cwd: string): string[] => this.globs.glob(pattern, cwd),
            read: (path: string): ParsedSource | string => {
                const document = byPath.get(path);
                if (!document || document.state < DocumentState.Parsed) {
                    return diskSource.read(path);
                }
                const ast = document.parseResult.value as DrbdFile;
                let parsed = this.parsed.get(ast);
                if (!parsed) {
                    const text = document.textDocument.getText();
                    parsed = { ast, syntaxErrors: syntaxDiagnostics(document, path), endLine: 1 + lineBreaks(text) };
                    this.parsed.set(ast, parsed);
                }
                return parsed;
            },
        };
    }
}

/** The number of `\n` in the text (a file of 1 000 resources has 20 000: not as an array of matches). */
function lineBreaks(text: string): number {
    let count = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
    return count;
}
