/**
 * An open document keeps syntax trees only where something walked into it: opening a file of
 * 1 000 resources makes none; a hover makes the tree of the one statement it is in, whose AST
 * nodes stay the objects the analyses know; typing makes those of the statements it re-parses.
 * What the editor gets from such a document (folds, hovers after edits above) is what it gets
 * from a whole parse.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument, URI, type LangiumDocument, type RootCstNode } from 'langium';
import { DefaultFoldingRangeProvider } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, it } from 'vitest';
import { createDrbdServices } from '../../server/src/language/drbd-module.js';
import { DirectStatementCst } from '../../server/src/syntax/direct-statement-cst.js';
import type { DrbdFile } from '../../server/src/syntax/generated/ast.js';
import { editOpen } from '../language/editor-edit.js';

const dir = mkdtempSync(join(tmpdir(), 'drbd-direct-cst-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const resource = (i: number) => `# resource ${i}\nresource r${i} {\n    net { protocol C; }\n    volume 0 {\n        device minor ${i};\n        disk /dev/vg/r${i};\n        meta-disk internal;\n    }\n    on a { address 10.0.${i >> 8}.${i & 255}:7000; node-id 0; }\n    on b {\n        address 10.1.${i >> 8}.${i & 255}:7000;\n        node-id 1;\n    }\n}\n`;
const TEXT = Array.from({ length: 1000 }, (_, i) => resource(i)).join('');

async function openFile(name: string, text: string) {
    const { shared, Drbd } = createDrbdServices(NodeFileSystem);
    const path = join(dir, name);
    await editOpen(shared, path, text);
    const document = shared.workspace.LangiumDocuments.getDocument(URI.file(path)) as LangiumDocument<DrbdFile>;
    const treeless = () => (document.parseResult.value.$cstNode as RootCstNode).content.filter((item) => item instanceof DirectStatementCst).length;
    return { shared, Drbd, path, document, treeless };
}

const positionOf = (text: string, needle: string) => {
    const before = text.slice(0, text.indexOf(needle));
    return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
};

describe('open documents without syntax trees', () => {
    it('opening makes no tree; a hover makes the one of its statement, with the same AST nodes', async () => {
        const { Drbd, document, treeless } = await openFile('open.res', TEXT);
        expect(treeless()).toBe(1000);
        const r500 = document.parseResult.value.statements[500]!;
        const hover = await Drbd.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: positionOf(TEXT, 'protocol C; }\n    volume 0 {\n        device minor 500;') });
        expect(JSON.stringify(hover)).toContain('protocol');
        expect(treeless()).toBe(999);
        expect(document.parseResult.value.statements[500]).toBe(r500);
        expect(r500.$cstNode?.text).toBe(resource(500).slice(resource(500).indexOf('resource r')).trimEnd());
    });

    it('typing makes the trees of the statements it re-parses, and a hover below the edit finds what moved', async () => {
        const { Drbd, shared, path, document, treeless } = await openFile('typed.res', TEXT);
        const typed = TEXT.replace('resource r10 {\n', 'resource r10 {\n    max-buffers 8000;\n    max-');
        await editOpen(shared, path, typed);
        // r10 (now broken); r11, parsed with it as the guard, keeps its node.
        expect(treeless()).toBe(999);
        const at = positionOf(typed, 'node-id 1;\n    }\n}\n# resource 700');
        const hover = await Drbd.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: at });
        expect(JSON.stringify(hover)).toContain('node-id');
        const r699 = document.parseResult.value.statements[699]!;
        expect(r699.$cstNode!.range.start).toEqual(positionOf(typed, 'resource r699 {'));
        // Code lenses read places from tokens: the one of r900 (no tree) is on its line.
        const lenses = await Drbd.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } });
        const r900 = lenses!.find((lens) => (lens.command?.arguments?.[0] as { resource?: string } | undefined)?.resource === 'r900');
        expect(r900?.range.start.line).toBe(positionOf(typed, 'resource r900 {').line);
    });

    it('folds as Langium folds a whole parse', async () => {
        const text = TEXT.slice(0, TEXT.indexOf('# resource 20\n'));
        const { Drbd, document, treeless } = await openFile('folds.res', text);
        const whole = { ...document, parseResult: Drbd.parser.LangiumParser.parse(text), textDocument: TextDocument.create(document.uri.toString(), 'drbd', 1, text) };
        const expected = new DefaultFoldingRangeProvider(Drbd).getFoldingRanges(whole as LangiumDocument, { textDocument: { uri: document.uri.toString() } });
        expect(await Drbd.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } })).toEqual(expected);
        expect(treeless()).toBe(20);
    });
});
