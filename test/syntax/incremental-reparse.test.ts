/**
 * Re-parsing only the edited statements must give exactly what parsing the whole new text gives:
 * every CST node (offsets, lines, columns, hidden comments, token types, grammar elements) and
 * every AST node (values, containers, indexes). Random edit chains over varied configurations,
 * with the whole parse as the reference; edits where it declines are parsed whole, as the server does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem, isCompositeCstNode, URI, type AstNode, type CstNode, type LeafCstNode, type ParseResult } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, it, vi } from 'vitest';
import { createDrbdServices } from '../../server/src/language/drbd-module.js';
import type { DrbdFile } from '../../server/src/syntax/generated/ast.js';
import { DirectStatementCst, openParsingOf, parseOpenDirectly } from '../../server/src/syntax/direct-statement-cst.js';
import { reparseIncrementally } from '../../server/src/syntax/incremental-reparse.js';
import { editOpen } from '../language/editor-edit.js';

const services = createDrbdServices(EmptyFileSystem).Drbd;
const parser = services.parser.LangiumParser;
const parse = (text: string) => parser.parse<DrbdFile>(text);
const openParsing = openParsingOf(services);
/** An open document's parse, as the server makes it: direct (statements without trees) where the text has no error. */
const parseOpen = (text: string): ParseResult<DrbdFile> => {
    const file = parseOpenDirectly(text, openParsing);
    return file ? { value: file, parserErrors: [], lexerErrors: [] } : parse(text);
};
/** How many root items are directly parsed statements that nothing walked into yet. */
const directItems = (result: ParseResult<DrbdFile>) => result.value.$cstNode!.root.content.filter((item) => item instanceof DirectStatementCst).length;

const STATEMENTS = [
    'global { usage-count no; }',
    'common { net { protocol C; } disk { on-io-error detach; } }',
    'include "drbd.d/*.res";',
    'skip { anything { nested } goes }',
    'resource r1 {\n  device minor 1;\n  disk /dev/vg/r1;\n  meta-disk internal;\n  on alpha { address 10.0.0.1:7001; node-id 0; }\n  on bravo { address 10.0.0.2:7001; node-id 1; }\n}',
    'resource "r 2" { volume 0 { device minor 2; disk none; } on a { address ipv6 [fd00::1]:7002; } on b { address 10.0.0.2:7002; } }',
    'resource r3 {\n\tnet { shared-secret "s3"; } # trailing\n\ton a { address 10.0.0.1:7003; }\r\n\ton b { address 10.0.0.2:7003; }\n\tconnection-mesh { hosts a b; }\n}',
    '# a comment line\n',
    'require-drbd-module-version-ge 9.2.0;',
];
const SEPARATORS = ['\n', '\n\n', ' ', '', '\r\n', '\n# between\n', '\t'];
const FRAGMENTS = ['}', '{', ';', '#', '"', ' ', '\n', '\r\n', 'x', '7', 'resource r9 { on a { address 10.0.0.9:7009; } }', 'on c { address 10.0.0.3:7001; }', 'skip {', '# c\n', 'net { protocol A; }', '"q"', 'ü'];

const config = fc.array(fc.tuple(fc.constantFrom(...STATEMENTS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 12 })
    .map((parts) => parts.map(([s, sep]) => s + sep).join(''));
type Edit = (text: string) => string;
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
/** The index of the `f`-th match of `re` in `text`, or undefined. */
const nth = (text: string, re: RegExp, f: number) => {
    const all = [...text.matchAll(re)];
    return all.length > 0 ? all[Math.floor(f * all.length)].index : undefined;
};
const anyEdit: fc.Arbitrary<Edit> = fc.record({ at: fraction, remove: fc.nat(30), insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.constant('')) })
    .map(({ at, remove, insert }) => (text) => {
        const i = Math.floor(at * text.length);
        return text.slice(0, i) + insert + text.slice(i + remove);
    });
/** Edits that keep a valid text valid, as most keystrokes in a finished config do. */
const keepingEdit: fc.Arbitrary<Edit> = fc.tuple(fc.constantFrom('digit', 'blank', 'unblank', 'comment', 'statement'), fraction, fc.constantFrom(...STATEMENTS))
    .map(([kind, f, statement]) => (text) => {
        const at = (re: RegExp) => nth(text, re, f);
        const splice = (i: number | undefined, remove: number, insert: string) => (i === undefined ? text : text.slice(0, i) + insert + text.slice(i + remove));
        switch (kind) {
            case 'digit': return splice(at(/[0-9]/g), 1, String((Math.floor(f * 97) % 10)));
            case 'blank': return splice(at(/\s/g), 0, f < 0.5 ? ' ' : '\n');
            case 'unblank': return splice(at(/\s(?=\s)/g), 1, '');
            case 'comment': return splice(at(/\n/g), 1, '\n# note\n');
            default: return f < 0.5 ? `${statement}\n${text}` : `${text}\n${statement}\n`;
        }
    });
const edit = fc.oneof({ arbitrary: keepingEdit, weight: 3 }, { arbitrary: anyEdit, weight: 1 });

/** The CST and AST as plain data; grammar elements by identity (both parses use one grammar). */
function dump(result: ParseResult<DrbdFile>): unknown {
    const cst = (item: CstNode, parent: CstNode | undefined): unknown => {
        // A directly parsed statement, walked into: its tree, in its place.
        const node = item instanceof DirectStatementCst ? item.syntaxTree()! : item;
        expect(node.container).toBe(parent);
        const own = [node.offset, node.end, node.range, node.hidden, grammarId(node.grammarSource)];
        return isCompositeCstNode(node) ? [own, node.content.map((c) => cst(c, node))] : [own, (node as LeafCstNode).tokenType.name, node.text];
    };
    const ast = (node: AstNode, container: AstNode | undefined): unknown => {
        expect(node.$container).toBe(container);
        const fields = Object.entries(node).filter(([k]) => !k.startsWith('$')).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => value(x, node)) : value(v, node)])
            // The direct parser writes a node's values in its own order.
            .sort(([a], [b]) => String(a).localeCompare(String(b)));
        return [node.$type, node.$containerProperty, node.$containerIndex, node.$cstNode?.offset, node.$cstNode?.end, fields];
    };
    const value = (v: unknown, container: AstNode): unknown => (v && typeof v === 'object' && '$type' in v ? ast(v as AstNode, container) : v);
    const errors = result.parserErrors.map((e) => {
        const t = e.token;
        return [e.name, e.message, t.image, t.startOffset, t.endOffset, t.startLine, t.startColumn, t.endLine, t.endColumn];
    });
    return { text: result.value.$cstNode!.root.fullText, cst: cst(result.value.$cstNode!, undefined), ast: ast(result.value, undefined), errors };
}
const grammarIds = new Map<unknown, number>();
const grammarId = (element: unknown) => (element === undefined ? -1 : grammarIds.get(element) ?? grammarIds.set(element, grammarIds.size).get(element));

describe('incremental re-parse', () => {
    it('gives what a whole parse gives, over chains of random edits', () => {
        let incremental = 0;
        let incrementalBroken = 0;
        let declined = 0;
        fc.assert(fc.property(config, fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
            let text = start;
            let current = parse(text);
            for (const e of edits) {
                text = e(text);
                const reparsed = reparseIncrementally(current, text, parser);
                const whole = parse(text);
                if (reparsed) {
                    incremental++;
                    if (whole.parserErrors.length > 0 || current.parserErrors.length > 0) incrementalBroken++;
                    expect(dump(reparsed)).toEqual(dump(whole));
                } else {
                    declined++;
                }
                current = reparsed ?? whole;
            }
        }), { seed: 1, numRuns: 400 });
        // Most edits of error-free text take the incremental path; the test would prove nothing otherwise.
        expect(incremental).toBeGreaterThan(300);
        // ... and so do edits of broken text, or that break it (typing).
        expect(incrementalBroken).toBeGreaterThan(30);
        expect(declined).toBeGreaterThan(0);
    }, 180_000);

    it('gives what a whole parse gives from an open document read directly, its statements made into trees only when walked into', () => {
        let direct = 0;
        fc.assert(fc.property(config, fc.array(edit, { minLength: 0, maxLength: 8 }), (start, edits) => {
            // The edits as the server takes them, nothing walking into the trees until the end.
            let text = start;
            let current = parseOpen(text);
            for (const e of edits) {
                text = e(text);
                current = reparseIncrementally(current, text, parser) ?? parseOpen(text);
            }
            direct += directItems(current);
            const statements = [...current.value.statements];
            expect(dump(current)).toEqual(dump(parse(text)));
            expect(directItems(current)).toBe(0);
            // Made into trees, the statements are the same objects (the analyses know a resource by its node).
            current.value.statements.forEach((statement, i) => expect(statement).toBe(statements[i]));
        }), { seed: 3, numRuns: 400 });
        expect(direct).toBeGreaterThan(400);
    }, 180_000);

    it('gives what a whole parse gives while a line is typed and deleted a character at a time (the text broken most of the time)', () => {
        const LINES = ['max-buffers 8000;\n', 'on typed { address 10.250.0.1:7999; node-id 9; }\n', 'net { protocol C; }\n', 'resource r7 { on a { address 10.0.0.7:7007; } }\n', 'skip { x }\n', '}\n'];
        let incremental = 0;
        let declined = 0;
        fc.assert(fc.property(config, fc.constantFrom(...LINES), fraction, (start, line, f) => {
            const at = nth(start, /\n/g, f) ?? start.length;
            let text = start;
            let current = parse(text);
            const step = (next: string) => {
                text = next;
                const reparsed = reparseIncrementally(current, text, parser);
                const whole = parse(text);
                if (reparsed) {
                    incremental++;
                    expect(dump(reparsed)).toEqual(dump(whole));
                } else {
                    declined++;
                }
                current = reparsed ?? whole;
            };
            for (let i = 1; i <= line.length; i++) step(start.slice(0, at + 1) + line.slice(0, i) + start.slice(at + 1));
            for (let i = line.length - 1; i >= 0; i--) step(start.slice(0, at + 1) + line.slice(0, i) + start.slice(at + 1));
        }), { seed: 2, numRuns: 25 });
        // Typing takes the incremental path, broken text or not.
        expect(incremental).toBeGreaterThan(10 * declined);
    }, 180_000);

    it('keeps the statements outside the edit as they were (same objects), and the text', () => {
        const text = `${STATEMENTS[4]}\n${STATEMENTS[5]}\n${STATEMENTS[6]}\n`;
        const before = parse(text);
        const [r1, r2, r3] = before.value.statements;
        const edited = text.replace('device minor 2;', 'device minor 22;');
        const after = reparseIncrementally(before, edited, parser)!;
        expect(after.value.statements[0]).toBe(r1);
        expect(after.value.statements[1]).not.toBe(r2);
        expect(after.value.statements[2]).toBe(r3);
        expect(after.value.$cstNode!.root.fullText).toBe(edited);
        expect(after.value.statements[2].$cstNode!.text).toBe(STATEMENTS[6]);
    });

    it('keeps syntax errors of statements away from the edit, re-parses a broken neighbour with it, and one a comment runs into', () => {
        const broken = 'resource r1 { on a { address 10.0.0.1:7001 } }\nresource r2 { }\nresource r3 { }\n';
        const far = reparseIncrementally(parse(broken), broken.replace('r3', 'r4'), parser)!;
        expect(dump(far)).toEqual(dump(parse(broken.replace('r3', 'r4'))));
        expect(far.parserErrors).toHaveLength(1);
        const parses = vi.spyOn(parser, 'parse');
        const next = reparseIncrementally(parse(broken), broken.replace('r2', 'r5'), parser)!;
        // r1 (broken) and r2 (edited), then r3 as the guard.
        expect(parses.mock.calls.at(-1)![0]).toBe(broken.replace('r2', 'r5'));
        parses.mockRestore();
        expect(dump(next)).toEqual(dump(parse(broken.replace('r2', 'r5'))));
        // The comment runs into the guard r3: the region goes on to the end.
        const text = 'resource r1 { } resource r2 { } resource r3 { }\n';
        const commented = 'resource r1 { } # resource r2 { } resource r3 { }\n';
        expect(dump(reparseIncrementally(parse(text), commented, parser)!)).toEqual(dump(parse(commented)));
    });

    it('parses only the edited resource when a 1 000-resource file changes, also while it is broken (the shape, not a timing)', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'drbd-reparse-'));
        try {
            const file = join(dir, 'big.res');
            const resource = (i: number) => `resource r${i} {\n  device minor ${i};\n  on a { address 10.0.${i >> 8}.${i & 255}:7000; node-id 0; }\n  on b { address 10.1.${i >> 8}.${i & 255}:7000; node-id 1; }\n}\n`;
            const text = Array.from({ length: 1000 }, (_, i) => resource(i)).join('');
            const { shared, Drbd } = createDrbdServices(NodeFileSystem);
            // Open in the editor: a closed document is read without a syntax tree.
            await editOpen(shared, file, text);
            const document = shared.workspace.LangiumDocuments.getDocument(URI.file(file))!;
            const parses = vi.spyOn(Drbd.parser.LangiumParser, 'parse');
            await editOpen(shared, file, text.replace('device minor 500;', 'device minor 5000;'));
            // The region: the line break after r499, r500 with one more digit (its own line break
            // included); then r501 to its line's end, the guard that shows the parse is back where it was.
            expect(parses.mock.calls.map(([input]) => input.length)).toEqual([1 + resource(500).length + 1 + resource(501).length]);
            const statements = (document.parseResult.value as DrbdFile).statements;
            expect(statements).toHaveLength(1000);
            expect(statements[500].$cstNode!.text).toContain('device minor 5000;');

            // Typing: the `;` goes (r500 is broken), then a keystroke inside the broken r500, then the `;` comes back.
            const broken = text.replace('device minor 500;', 'device minor 5000');
            for (const next of [broken, broken.replace('device minor 5000', 'device minor 50001'), text]) {
                parses.mockClear();
                await editOpen(shared, file, next);
                const guardEnd = next.indexOf('resource r502 {');
                expect(parses.mock.calls.map(([input]) => input)).toEqual([`\n${next.slice(next.indexOf('resource r500 {'), guardEnd)}`]);
            }
            expect((document.parseResult.value as DrbdFile).statements).toHaveLength(1000);
            expect(document.parseResult.parserErrors).toEqual([]);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
