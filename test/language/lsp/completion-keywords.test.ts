/**
 * Completion's statement keywords are checked against the grammar: in each section it offers
 * exactly the keywords the grammar's statement rule of that section starts with (internal `_`
 * keywords left out), plus option sections and `protocol`, which drbdadm reads as words.
 */
import { GrammarAST, type AstNode } from 'langium';
import { expect, test } from 'vitest';
import { completionItems } from '../../../server/src/language/lsp/completion.js';
import { DrbdGrammar } from '../../../server/src/syntax/generated/grammar.js';

const OPTION_SECTIONS = new Set(['net', 'disk', 'options', 'startup', 'handlers', 'proxy', 'syncer', 'protocol']);

/** The keywords a rule's text can start with: its alternatives' first keywords, through rule calls. */
function firstKeywords(ruleName: string): Set<string> {
    const grammar = DrbdGrammar();
    const out = new Set<string>();
    const seen = new Set<AstNode>();
    const visit = (node: AstNode | undefined): void => {
        if (!node || seen.has(node)) return;
        seen.add(node);
        if (GrammarAST.isKeyword(node)) out.add(node.value);
        else if (GrammarAST.isParserRule(node)) visit(node.definition);
        else if (GrammarAST.isRuleCall(node)) visit(node.rule.ref);
        else if (GrammarAST.isAlternatives(node)) node.elements.forEach(visit);
        else if (GrammarAST.isGroup(node)) visit(node.elements[0]);
        else if (GrammarAST.isAssignment(node)) visit(node.terminal);
    };
    visit(grammar.rules.find((r) => r.name === ruleName));
    return new Set([...out].filter((k) => /^[a-z]/.test(k)));
}

function offered(text: string): Set<string> {
    const items = completionItems(text, text.length, () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), '9.34.0');
    return new Set(items.filter((i) => /^[a-z][a-z-]*$/.test(i.label)).map((i) => i.label));
}

const SECTIONS: [string, string, string][] = [
    ['top level', '', 'TopStatement'],
    ['global', 'global {\n  ', 'GlobalKey'],
    ['resource', 'resource r {\n  ', 'ResourceStatement'],
    ['host', 'resource r {\n  on a {\n    ', 'HostStatement'],
    ['volume', 'resource r {\n  volume 0 {\n    ', 'VolumeStatement'],
    ['connection', 'resource r {\n  connection {\n    ', 'ConnectionStatement'],
];

test.each(SECTIONS)('in %s: the grammar\'s first keywords, no more, no fewer', (_, text, rule) => {
    const grammar = firstKeywords(rule);
    const got = offered(text);
    expect([...got].filter((k) => !grammar.has(k) && !OPTION_SECTIONS.has(k))).toEqual([]);
    expect([...grammar].filter((k) => !got.has(k) && !OPTION_SECTIONS.has(k))).toEqual([]);
});

test('the grammar walk sees the statements (a guard against checking empty sets)', () => {
    expect(firstKeywords('HostStatement')).toContain('address');
    expect(firstKeywords('TopStatement')).toContain('resource');
});
