/**
 * The shape of typing in one large file, not its time: a line typed into a resource and deleted
 * a character at a time (the text broken at almost every keystroke) re-parses only that
 * resource and the one after it, and builds only the edited resource; a line break added or
 * removed moves what was recorded of the resources below it, without building them. The
 * diagnostics are those of a fresh workspace that reads the same text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { createDrbdServices } from '../../server/src/language/drbd-module.js';
import { editOpen } from './editor-edit.js';

const COUNT = 300;
const EDITED = 150;
const dir = mkdtempSync(join(tmpdir(), 'drbd-typing-'));
const file = join(dir, 'drbd.conf');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function resource(i: number): string {
    const on = (h: number, id: number) => `    on h${h} { address 10.0.${h}.1:${7000 + i}; node-id ${id}; }`;
    return `resource r${i} {\n    device minor ${i}; disk /dev/vg/r${i}; meta-disk internal;\n${on(i % 50, 0)}\n${on((i + 1) % 50, 1)}\n}\n`;
}

/** A workspace of the one file, open in the editor and built; its parser's inputs and its resource cache counted. */
async function workspace(text: string) {
    writeFileSync(file, text);
    const { shared, Drbd } = createDrbdServices(NodeFileSystem);
    shared.workspace.TextDocuments.set(TextDocument.create(URI.file(file).toString(), 'drbd', 1, text));
    const document = await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(file));
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    const parses = vi.spyOn(Drbd.parser.LangiumParser, 'parse');
    const cache = Drbd.drbd.Configurations.buildCache;
    const diagnostics = () => (document.diagnostics ?? []).map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message]);
    return { shared, document, parses, cache, diagnostics };
}

describe(`typing in a file of ${COUNT} resources`, () => {
    test('each keystroke parses the edited resource and the next one, and builds one resource; a line break moves the records of the ones below', async () => {
        let text = Array.from({ length: COUNT }, (_, i) => resource(i)).join('');
        const typed = '    on typed { address 10.250.0.1:7999; node-id 9; }\n';
        const at = text.indexOf(`resource r${EDITED} {\n`) + `resource r${EDITED} {\n`.length;
        const w = await workspace(text);
        const keystrokes: string[] = [...Array.from({ length: typed.length }, (_, i) => text.slice(0, at) + typed.slice(0, i + 1) + text.slice(at))];
        for (let i = typed.length - 1; i >= 0; i--) keystrokes.push(text.slice(0, at) + typed.slice(0, i) + text.slice(at));
        const twoResources = resource(EDITED).length + resource(EDITED + 1).length + typed.length + 2;
        let broken = 0;
        for (const [k, next] of keystrokes.entries()) {
            const linesBefore = text.split('\n').length;
            text = next;
            w.parses.mockClear();
            const [builds, moves] = [w.cache.builds, w.cache.moved];
            await editOpen(w.shared, file, text);
            expect(w.parses.mock.calls).toHaveLength(1);
            expect(w.parses.mock.calls[0][0].length).toBeLessThanOrEqual(twoResources);
            const moved = text.split('\n').length !== linesBefore;
            expect(w.cache.builds - builds).toBe(1);
            expect(w.cache.moved - moves).toBe(moved ? COUNT - EDITED - 1 : 0);
            if (w.document.parseResult.parserErrors.length > 0) broken++;
            // Now and then, the diagnostics against a fresh workspace's.
            if (k % 13 === 0 || moved) {
                const fresh = await workspace(text);
                expect(w.diagnostics()).toEqual(fresh.diagnostics());
            }
        }
        expect(broken).toBeGreaterThan(keystrokes.length / 2);
    }, 120_000);
});
