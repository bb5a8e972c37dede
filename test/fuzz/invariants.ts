/**
 * What must hold for any input whatsoever: the analysis ends, quickly, with a drbdadm exit
 * status, and every diagnostic points at a real place in a real file with a readable message.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeConfig, type Analysis } from '../../server/src/reader/analyze.js';
import { diskSource, parseDrbdText } from '../../server/src/reader/load-config.js';
import type { Diagnostic } from '../../server/src/drbd/model.js';
import { SIDE_FILES } from './seeds.js';

/** The host name the drbdadm oracle runs as (test/drbd/post-parse/oracle.ts), and its module version. */
export const ORACLE_OPTIONS = { hostname: 'corpus-oracle', kernelVersion: '9.2.12' };

/** A directory with the seeds' side files (includes, templates) in it. */
export function fuzzDirectory(dir: string): string {
    for (const [path, text] of Object.entries(SIDE_FILES)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
    }
    return dir;
}

export interface Outcome {
    analysis: Analysis;
    ms: number;
    /** drbdadm's verdict as we compute it: exit 0 and no error. */
    accepted: boolean;
}

/** analyzeConfig on `text` as the main file `mainFile` (its includes from disk). */
export function analyzeText(mainFile: string, text: string): Outcome {
    const started = performance.now();
    const analysis = analyzeConfig(mainFile, ORACLE_OPTIONS, { read: (p) => (p === mainFile ? parseDrbdText(text, p) : diskSource.read(p)) });
    const ms = performance.now() - started;
    return { analysis, ms, accepted: analysis.exitCode === 0 && !analysis.diagnostics.some((d) => d.severity === 'error') };
}

/**
 * Whether an LSP position lies on a line of the document and at most one past that line's end
 * (a token that ends with its line break, an unterminated string, ends there).
 */
function inside(document: TextDocument, position: { line: number; character: number }): boolean {
    if (!Number.isInteger(position.line) || !Number.isInteger(position.character)) return false;
    if (position.line < 0 || position.line >= document.lineCount || position.character < 0) return false;
    const start = document.offsetAt({ line: position.line, character: 0 });
    const next = position.line + 1 < document.lineCount ? document.offsetAt({ line: position.line + 1, character: 0 }) : document.getText().length;
    return position.character <= next - start;
}

/** What is wrong with these diagnostics' locations and messages; `texts` has the main file's text. */
export function diagnosticProblems(diagnostics: readonly Diagnostic[], texts: Map<string, string>): string[] {
    const documents = new Map<string, TextDocument | undefined>();
    const documentOf = (file: string) => {
        if (!documents.has(file)) {
            let text = texts.get(file);
            try {
                text ??= readFileSync(file, 'utf8');
            } catch {
                // A file that cannot be read: only 0:0 is a place in it.
            }
            documents.set(file, text === undefined ? undefined : TextDocument.create(`file://${file}`, 'drbd', 0, text));
        }
        return documents.get(file);
    };
    const problems: string[] = [];
    for (const d of diagnostics) {
        const { loc } = d;
        const where = `${loc.file}:${loc.startLine}:${loc.startChar}..${loc.endLine}:${loc.endChar} ${JSON.stringify(d.message.slice(0, 80))}`;
        const start = { line: loc.startLine, character: loc.startChar };
        const end = { line: loc.endLine, character: loc.endChar };
        const document = documentOf(loc.file);
        if (!document) {
            if (loc.startLine || loc.startChar || loc.endLine || loc.endChar) problems.push(`range in an unreadable file: ${where}`);
        } else {
            if (!inside(document, start) || !inside(document, end)) problems.push(`range outside the text: ${where}`);
            else if (document.offsetAt(start) > document.offsetAt(end)) problems.push(`range ends before it starts: ${where}`);
            if (loc.line < 1 || loc.line > document.lineCount) problems.push(`line ${loc.line} not in 1..${document.lineCount}: ${where}`);
        }
        if (!d.message.trim()) problems.push(`empty message: ${where}`);
        if (/\n\s+at .+:\d+:\d+\)?$/m.test(d.message)) problems.push(`stack trace in message: ${where}`);
        if (!['error', 'warning', 'info'].includes(d.severity)) problems.push(`severity ${d.severity}: ${where}`);
    }
    return problems;
}
