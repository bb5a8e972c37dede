/**
 * The grammar is the one list of drbdadm's keywords: the lexer takes its words from it, and the
 * other places that name keywords (drbdadm's token numbers, the TextMate colouring, the keyword
 * docs) are checked against it here.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { TK_STRING, tokenNumber } from '../../server/src/drbd/options/scanner-token.js';
import { KEYWORD_DOCS } from '../../server/src/language/lsp/keyword-docs.js';
import { DRBD_KEYWORDS } from '../../server/src/syntax/drbd-lexer.js';

/** Keywords that are values or address families, not statements: coloured and documented as values. */
const VALUE_WORDS = new Set(['yes', 'no', 'ask', 'ipv4', 'ipv6', 'sci', 'ssocks', 'sdp']);

test('the lexer\'s keywords are the grammar\'s, and drbdadm has a token number for each', () => {
    expect(DRBD_KEYWORDS.size).toBeGreaterThanOrEqual(60);
    // `_is_standalone` became `_cstate` in 9.32; `outside-address` and `tiebreaker` are newer than 9.22
    const withoutNumber = [...DRBD_KEYWORDS].filter((k) => tokenNumber(k, '9.22.0') === TK_STRING && tokenNumber(k, '9.34.0') === TK_STRING);
    expect(withoutNumber).toEqual([]);
});

test('the TextMate grammar colours every statement keyword, and nothing else as a keyword', () => {
    const tm = JSON.parse(readFileSync('syntaxes/drbd.tmLanguage.json', 'utf8')) as { repository: Record<string, { match?: string }> };
    const patterns = ['section-keyword', 'statement-keyword'].map((name) => new RegExp(`^${tm.repository[name]!.match!}$`));
    const coloured = (word: string) => patterns.some((p) => p.test(word));
    const statements = [...DRBD_KEYWORDS].filter((k) => !VALUE_WORDS.has(k));
    expect(statements.filter((k) => !coloured(k))).toEqual([]);
    expect([...VALUE_WORDS].filter(coloured)).toEqual([]);
});

test('keyword docs name only keywords (and `protocol`, an option written like a statement), and each statement has one', () => {
    const documented = Object.keys(KEYWORD_DOCS);
    expect(documented.filter((k) => !DRBD_KEYWORDS.has(k) && k !== 'protocol')).toEqual([]);
    const statements = [...DRBD_KEYWORDS].filter((k) => !VALUE_WORDS.has(k) && !k.startsWith('_'));
    expect(statements.filter((k) => !(k in KEYWORD_DOCS))).toEqual([]);
});
