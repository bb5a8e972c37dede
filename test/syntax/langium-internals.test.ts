/**
 * The parser (drbd-parser.ts) and the compact syntax tree (drbd-cst.ts) use members that Langium
 * and Chevrotain keep private. Langium is pinned to the minor version they were written for; when
 * an update renames or removes one, the test named after it says which (docs/parser.md says why
 * each is used).
 */
import { EmptyFileSystem, LeafCstNodeImpl, RootCstNodeImpl } from 'langium';
import { describe, expect, it } from 'vitest';
import { createDrbdServices } from '../../server/src/language/drbd-module.js';

const parser = createDrbdServices(EmptyFileSystem).Drbd.parser.LangiumParser as unknown as Record<string, unknown> & { wrapper: Record<string, unknown> };

const LANGIUM_PARSER_MEMBERS = ['stack', 'construct', 'assign', 'doParse', 'assignWithoutOverride', 'extractHiddenTokens', 'getAssignment', 'nodeBuilder'];
const CHEVROTAIN_WRAPPER_MEMBERS = ['getNextPossibleTokenTypes', 'attemptInRepetitionRecovery', 'LA', 'consumeToken'];
const NODE_BUILDER_MEMBERS = ['addHiddenNodes', 'buildLeafNode', 'appendChild', 'current'];
const LEAF_FIELDS = ['_offset', '_startLine', '_startColumn', '_endLine', '_endColumn'];
const ROOT_FIELDS = ['content', '_text', '_rangeCache'];

function has(object: object, member: string): boolean {
    return member in object && (object as Record<string, unknown>)[member] !== undefined;
}

describe('Langium internals the parser relies on', () => {
    it.each(LANGIUM_PARSER_MEMBERS)('LangiumParser has %s', (member) => {
        expect(has(parser, member), `LangiumParser.${member} is gone: see docs/parser.md`).toBe(true);
    });

    it.each(CHEVROTAIN_WRAPPER_MEMBERS)('the Chevrotain parser (LangiumParser.wrapper) has %s', (member) => {
        expect(typeof parser.wrapper[member], `ChevrotainWrapper.${member} is gone: see docs/parser.md`).toBe('function');
    });

    it.each(NODE_BUILDER_MEMBERS)('the CST builder (LangiumParser.nodeBuilder) has %s', (member) => {
        const builder = parser.nodeBuilder as object;
        const found = member in builder || Object.getOwnPropertyDescriptor(Object.getPrototypeOf(builder), member) !== undefined;
        expect(found, `CstNodeBuilder.${member} is gone: see docs/parser.md`).toBe(true);
    });

    it.each(LEAF_FIELDS)('a Langium CST leaf keeps its position in %s', (field) => {
        const leaf = new LeafCstNodeImpl(3, 2, 1, 2, 1, 4, { name: 'ID' } as never, false);
        expect(typeof (leaf as unknown as Record<string, unknown>)[field], `LeafCstNodeImpl.${field} is gone: see docs/parser.md`).toBe('number');
    });

    it.each(ROOT_FIELDS)('a Langium CST root keeps %s', (field) => {
        const root = new RootCstNodeImpl('text');
        void root.range; // fills the range cache
        expect(field in root, `RootCstNodeImpl.${field} is gone: see docs/parser.md`).toBe(true);
    });
});
