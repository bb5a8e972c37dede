/**
 * What a parse keeps per token (tokens are most of a CST): a leaf keeps its offset and length and
 * reads its line and column from its root's text; a lexed token keeps offsets and type only, and
 * reads its text and lines from the source when asked. Positions are those the editor counts.
 */
import { EmptyFileSystem, isCompositeCstNode, type CstNode, type LeafCstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { leafCharacter, leafLine } from '../../server/src/language/drbd-cst.js';
import { createDrbdServices } from '../../server/src/language/drbd-module.js';

const { parser } = createDrbdServices(EmptyFileSystem).Drbd;
const TEXT = 'resource r1 {\r\n  device minor 1;\r  disk "/dev/a";\n  # note\n  on alpha { address 10.0.0.1:7001; }\n}\n';

function leaves(node: CstNode): LeafCstNode[] {
    return isCompositeCstNode(node) ? node.content.flatMap(leaves) : [node as LeafCstNode];
}

/** Line and column of an offset, counting `\r\n`, `\r` and `\n` as one line end each. */
function position(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: before.length - 1, character: before.at(-1)!.length };
}

describe('per-token memory', () => {
    it('a token keeps its offsets and type, not its text or lines', () => {
        const { tokens, hidden } = parser.Lexer.tokenize(TEXT);
        for (const token of [...tokens, ...hidden]) {
            expect(Object.keys(token).sort()).toEqual(['endOffset', 'source', 'startOffset', 'tokenType', 'tokenTypeIdx']);
            const start = position(TEXT, token.startOffset);
            expect([token.image, token.startLine, token.startColumn]).toEqual([TEXT.slice(token.startOffset, token.endOffset! + 1), start.line + 1, start.character + 1]);
        }
    });

    it('a leaf keeps its offset and length, and reads its range from the text', () => {
        const root = parser.LangiumParser.parse(TEXT).value.$cstNode!;
        const all = leaves(root).filter((leaf) => !leaf.hidden);
        expect(all.length).toBe(20);
        for (const leaf of all) {
            expect(Object.keys(leaf).sort()).toEqual(['container', 'grammarSource', 'length', 'start', 'tokenType']);
            const start = position(TEXT, leaf.offset);
            expect(leaf.range).toEqual({ start, end: { line: start.line, character: start.character + leaf.length } });
            expect([leafLine(leaf, false), leafCharacter(leaf, false), leafCharacter(leaf, true)]).toEqual([start.line, start.character, start.character + leaf.length]);
        }
    });
});
