/** Workspaces on disk and server sessions for the LSP protocol tests, positions by text search. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import { startServer, type LspClient } from '../../lsp-client.js';

export interface Workspace {
    dir: string;
    rootUri: string;
    uri(name: string): string;
    path(name: string): string;
    remove(): void;
}

/** A temporary folder with the given files (name → text). */
export function workspace(files: Record<string, string>): Workspace {
    const dir = mkdtempSync(join(tmpdir(), 'drbd-lsp-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return {
        dir,
        rootUri: pathToFileURL(dir).toString(),
        uri: (name) => pathToFileURL(join(dir, name)).toString(),
        path: (name) => join(dir, name),
        remove: () => rmSync(dir, { recursive: true, force: true }),
    };
}

/** Where the `occurrence`-th `needle` starts in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, occurrence = 0): Position {
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) {
        offset = text.indexOf(needle, offset + 1);
        if (offset < 0) throw new Error(`'${needle}' #${occurrence} not in text`);
    }
    offset += shift;
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
    const lines = text.split('\n');
    if (range.start.line === range.end.line) return lines[range.start.line]!.slice(range.start.character, range.end.character);
    return [lines[range.start.line]!.slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line]!.slice(0, range.end.character)].join('\n');
}

function offsetOf(text: string, p: Position): number {
    const lines = text.split('\n');
    return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

/** `text` with non-overlapping edits applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
    const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
    let out = text;
    for (const e of sorted) out = out.slice(0, offsetOf(out, e.range.start)) + e.newText + out.slice(offsetOf(out, e.range.end));
    return out;
}

export interface Session {
    client: LspClient;
    ws: Workspace;
    /** Opens a document and waits until its first diagnostics are published (the server has read it). */
    openAndCheck(uri: string, text: string): Promise<Diagnostic[]>;
}

/** A built server on a temporary workspace with `files`, for the tests of the enclosing `describe`. */
export function lspSession(files: Record<string, string> = {}): Session {
    const session = {
        async openAndCheck(uri: string, text: string) {
            await session.client.open(uri, text);
            return session.client.diagnostics(uri);
        },
    } as Session;
    beforeAll(async () => {
        session.ws = workspace(files);
        session.client = await startServer({ rootUri: session.ws.rootUri });
    });
    afterAll(async () => {
        await session.client?.close();
        session.ws?.remove();
    });
    return session;
}
