/**
 * The algorithmic shape of the language server's builds, not timings: in a workspace
 * of 1 000 included files, an edit re-parses only the edited file, analyses the configuration
 * once, and validates again only the files whose findings changed.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createDrbdServices } from '../../server/src/language/drbd-module.js';
import { closeInEditor, editOpen } from './editor-edit.js';

const COUNT = 1000;
const HOSTS = 50;
let dir: string;
let firstBuildAnalyses = 0;
const { shared, Drbd } = createDrbdServices(NodeFileSystem);
/** Every configuration lookup; a fresh analysis is a new object, a cached one the same. */
const lookups = vi.spyOn(Drbd.drbd.Configurations, 'analysis');
const analyses = () => new Set(lookups.mock.results.map((r) => r.value)).size;
const builder = shared.workspace.DocumentBuilder;
const parsed: string[] = [];
const validated: string[] = [];
builder.onDocumentPhase(DocumentState.Parsed, (d) => void parsed.push(name(d)));
builder.onDocumentPhase(DocumentState.Validated, (d) => void validated.push(name(d)));

const name = (d: LangiumDocument) => d.uri.fsPath.slice(dir.length + 1);
const path = (file: string) => join(dir, file);

/** Resource i on hosts h(i%50) and h(i+1 %50): r5 and r55 share both hosts. */
function resource(i: number, minor = i): string {
    const on = (h: number, id: number) => `    on h${h} { address 10.0.${h}.1:${7000 + i}; node-id ${id}; }`;
    return `resource r${i} {\n    device minor ${minor}; disk /dev/vg/r${i}; meta-disk internal;\n${on(i % HOSTS, 0)}\n${on((i + 1) % HOSTS, 1)}\n}\n`;
}

/** Counts what one update does. */
function counting(): void {
    parsed.length = 0;
    validated.length = 0;
    lookups.mockClear();
}

async function edit(file: string, text: string): Promise<void> {
    writeFileSync(path(file), text);
    counting();
    await builder.update([URI.file(path(file))], []);
}

/** The file opened in the editor with `text` (or a new version of it). */
async function open(file: string, text: string): Promise<void> {
    counting();
    await editOpen(shared, path(file), text);
}

const errors = (file: string) => (shared.workspace.LangiumDocuments.getDocument(URI.file(path(file)))?.diagnostics ?? []).filter((d) => d.severity === 1);

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drbd-incremental-'));
    mkdirSync(path('drbd.d'));
    writeFileSync(path('drbd.conf'), 'global { usage-count no; }\ninclude "drbd.d/*.res";\n');
    for (let i = 0; i < COUNT; i++) writeFileSync(path(`drbd.d/r${i}.res`), resource(i));
    const files = ['drbd.conf', ...Array.from({ length: COUNT }, (_, i) => `drbd.d/r${i}.res`)];
    const documents = await Promise.all(files.map((f) => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(path(f)))));
    lookups.mockClear();
    await builder.build(documents, { validation: true });
    firstBuildAnalyses = analyses();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
    await edit('drbd.conf', 'global { usage-count no; }\ninclude "drbd.d/*.res";\n');
    await edit('drbd.d/r5.res', resource(5));
});

describe('a workspace of 1 000 included files', () => {
    test('the first build validates every file and analyses the configuration once', async () => {
        const documents = shared.workspace.LangiumDocuments.all.toArray();
        expect(documents.length).toBe(COUNT + 1);
        expect(documents.every((d) => d.state === DocumentState.Validated)).toBe(true);
        expect(documents.every((d) => errors(name(d)).length === 0)).toBe(true);
        expect(firstBuildAnalyses).toBe(1);
    });

    test('an edit that changes no other file’s findings: one file parsed and validated, one analysis', async () => {
        await edit('drbd.d/r5.res', `# a comment\n${resource(5)}`);
        expect(parsed).toEqual(['drbd.d/r5.res']);
        expect(validated).toEqual(['drbd.d/r5.res']);
        expect(analyses()).toBe(1);
    });

    test('a file has a syntax tree only while open: opening with the text it had keeps its AST, an update with the same text keeps that parse, closing drops it', async () => {
        const all = shared.workspace.LangiumDocuments.all.toArray();
        expect(all.filter((d) => d.parseResult.value.$cstNode !== undefined).map(name)).toEqual([]);
        const document = shared.workspace.LangiumDocuments.getDocument(URI.file(path('drbd.d/r5.res')))!;
        const closed = document.parseResult.value;
        await open('drbd.d/r5.res', resource(5));
        expect(parsed).toEqual(['drbd.d/r5.res']);
        // Its statements get their trees when walked into (DirectStatementCst).
        expect(document.parseResult.value).toBe(closed);
        expect(document.parseResult.value.$cstNode).toBeDefined();
        const ast = document.parseResult.value;
        await open('drbd.d/r5.res', resource(5));
        expect(document.parseResult.value).toBe(ast);
        expect(validated).toEqual(['drbd.d/r5.res']);

        parsed.length = 0;
        await closeInEditor(shared, path('drbd.d/r5.res'));
        expect(parsed).toEqual(['drbd.d/r5.res']);
        expect(all.filter((d) => d.parseResult.value.$cstNode !== undefined).map(name)).toEqual([]);
    });

    test('an edit that makes a conflict in another file validates that file too, and only it', async () => {
        await edit('drbd.d/r5.res', resource(5, 55));
        expect(parsed).toEqual(['drbd.d/r5.res']);
        expect(validated.sort()).toEqual(['drbd.d/r5.res', 'drbd.d/r55.res']);
        expect(analyses()).toBe(1);
        expect(errors('drbd.d/r55.res').map((d) => d.message).join('\n')).toMatch(/minor/);

        await edit('drbd.d/r5.res', resource(5));
        expect(validated.sort()).toEqual(['drbd.d/r5.res', 'drbd.d/r55.res']);
        expect(errors('drbd.d/r55.res')).toEqual([]);
    });

    test('a file no longer included is validated again as its own configuration', async () => {
        await edit('drbd.d/r5.res', resource(5, 55));
        expect(errors('drbd.d/r55.res').length).toBeGreaterThan(0);
        await edit('drbd.conf', 'global { usage-count no; }\n');
        expect(parsed).toEqual(['drbd.conf']);
        expect(validated).toContain('drbd.d/r55.res');
        expect(errors('drbd.d/r55.res')).toEqual([]);
        // Every file is now its own main file, analysed once each to compare findings.
        expect(analyses()).toBe(COUNT + 1);
        expect(validated.length).toBeLessThan(COUNT / 10);
    });
});
