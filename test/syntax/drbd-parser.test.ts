/**
 * The parser's shortcuts keep Langium's results: the lexer's fast paths find flex's longest
 * match, AST nodes know their container as Langium would link them, and the compacted CST still
 * gives every name and value its own node with its assignment (keywords keep theirs).
 */
import fc from 'fast-check';
import { AstUtils, GrammarAST, GrammarUtils, CstUtils, isLeafCstNode, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { parseDrbdText } from '../../server/src/reader/load-config.js';
import { longestMatch, shortMatch } from '../../server/src/syntax/drbd-lexer.js';
import { isOptionStatement, isHostSection } from '../../server/src/syntax/generated/ast.js';

const PIECES = ['a', 'f', 'g', 'Z', '0', '9', '.', '/', '_', '-', ':', 'M', 'K', 's', 'k', '{', '}', ';', '[', ']', '#', '"', '\\', ' ', '\n', '\r', '%', '\u00e9', '1234', 'dead', 'ffff', '10.0.0.1'];

describe('lexer fast paths', () => {
    it('agree with trying every flex rule', () => {
        fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), fc.nat(200), (pieces, run) => {
            const text = pieces.join('') + 'w'.repeat(run % 3 === 0 ? run : 0);
            for (let at = 0; at < text.length; at++) {
                const fast = shortMatch(text, at);
                if (fast) expect(fast).toEqual(longestMatch(text, at));
            }
        }), { numRuns: 2000, seed: 7 });
    });

    it('cover plain words and numbers', () => {
        for (const word of ['net', '/dev/drbd1', 'r0', '7788', '100M', 'x'.repeat(128)]) expect(shortMatch(`${word};`, 0)).toBeDefined();
    });
});

const CONFIG = `# head
resource "r 0" {
    net { protocol C; allow-two-primaries yes; max-buffers 8k; shared-secret "a\\"b"; }
    on hw1 hw2 { # names
        address 10.0.0.1:7788; node-id 0;
        volume 0 { device minor 1; disk /dev/sdb1; meta-disk internal; }
    }
    skip { any { thing } }
}
`;

describe('parse result', () => {
    const { ast, syntaxErrors } = parseDrbdText(CONFIG, '/t/r0.res');

    it('links every AST node to its container, property and index', () => {
        expect(syntaxErrors).toEqual([]);
        expect(Object.keys(ast)).toContain('statements');
        let nodes = 0;
        for (const node of AstUtils.streamAst(ast)) {
            nodes++;
            if (node === ast) {
                expect(node.$container).toBeUndefined();
                continue;
            }
            const held = (node.$container as unknown as Record<string, unknown>)[node.$containerProperty!];
            expect(Array.isArray(held) ? held[node.$containerIndex!] : held).toBe(node);
            expect(Array.isArray(held) ? true : node.$containerIndex === undefined).toBe(true);
        }
        expect(nodes).toBeGreaterThan(10);
    });

    it('gives each name and value one node that knows its assignment; keywords stay keywords', () => {
        const option = (name: string) => AstUtils.streamAst(ast).filter(isOptionStatement).find((o) => o.name === name)!;
        const value = (node: AstNode, property: string, index = 0) => GrammarUtils.findNodeForProperty(node.$cstNode, property, index)!;
        const secret = value(option('shared-secret'), 'values');
        expect([secret.text, option('shared-secret').values[0]]).toEqual(['"a\\"b"', 'a"b']);
        expect(isLeafCstNode(secret) && GrammarUtils.findAssignment(secret)?.feature).toBe('values');
        const yes = CstUtils.findLeafNodeAtOffset(ast.$cstNode!, CONFIG.indexOf('yes'))!;
        expect(GrammarAST.isKeyword(yes.grammarSource) && yes.text).toBe('yes');
        expect(value(option('allow-two-primaries'), 'values').text).toBe('yes');
        const host = AstUtils.streamAst(ast).filter(isHostSection).head()!;
        expect([0, 1].map((i) => value(host, 'names', i).text)).toEqual(['hw1', 'hw2']);
        expect(value(host, 'names', 1).range).toEqual({ start: { line: 3, character: 11 }, end: { line: 3, character: 14 } });
    });
});
