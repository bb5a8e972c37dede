/**
 * fast-check generators of hostile configuration texts: valid seeds mutated at the token level
 * (delete, duplicate, swap, keywords where they do not belong, unicode and NUL, `;;`, unterminated
 * strings, truncation, CRLF), pathological shapes (10 000-level nesting, 100 000-character words)
 * and random bytes.
 */
import fc from 'fast-check';
import { DRBD_KEYWORDS } from '../../server/src/syntax/drbd-lexer.js';
import { SEEDS } from './seeds.js';

/** One fuzz input and how it was made (for the failure report). */
export interface FuzzInput {
    text: string;
    how: string;
}

/** Words, strings (terminated or not), comments, punctuation and the whitespace between them. */
const TOKEN = /"(?:[^"\\\n]|\\.)*"?|#[^\n]*|[{};[\]:]|[^\s{};[\]:"#]+|\s+/g;

const tokensOf = (text: string): string[] => text.match(TOKEN) ?? [];
const isSpace = (token: string) => /^\s+$/.test(token);

const KEYWORDS = [...DRBD_KEYWORDS];
const OPTION_WORDS = ['protocol', 'shared-secret', 'resync-rate', 'on-io-error', 'max-buffers', 'become-primary-on', 'quorum', 'rate', 'after'];
const PUNCTUATION = ['{', '}', ';', ';;', '[', ']', ':', '{}', '"', '#'];
const ODD = ['\0', '\u00e9', '\u{1F600}', '\uFFFD', '\uD800', '\u200B', '\u00A0', '\x7F', '\x1B[31m', '\t', '\r', '\f', '\v', '\\'];

/** A token to put somewhere it does not belong. */
const foreignToken = fc.oneof(
    fc.constantFrom(...KEYWORDS),
    fc.constantFrom(...OPTION_WORDS),
    fc.constantFrom(...PUNCTUATION),
    fc.constantFrom(...ODD),
    fc.constantFrom('0', '4294967296', '-1', '1.2.3', '10.0.0.1', '10.0.0.1:7788', 'fd00::1', '[::1]:7788', '999999999', '1G', '1k'),
    fc.string({ unit: 'binary', maxLength: 8 }),
);

type Edit = (tokens: string[]) => string[];

/** Index of a non-space token chosen by `pick` (0..1), or -1. */
function nth(tokens: string[], pick: number): number {
    const solid = tokens.flatMap((t, i) => (isSpace(t) ? [] : [i]));
    return solid.length ? solid[Math.min(solid.length - 1, Math.floor(pick * solid.length))] : -1;
}

/** A copy of `t` with `count` tokens at `i` replaced by `items` (Array#toSpliced, ES2023). */
function spliced(t: string[], i: number, count: number, ...items: string[]): string[] {
    const copy = [...t];
    copy.splice(i, count, ...items);
    return copy;
}

const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** Token-level edits, each with its name. */
const edit: fc.Arbitrary<[string, Edit]> = fc.oneof(
    at.map((p): [string, Edit] => ['delete', (t) => { const i = nth(t, p); return i < 0 ? t : spliced(t, i, 1); }]),
    at.map((p): [string, Edit] => ['duplicate', (t) => { const i = nth(t, p); return i < 0 ? t : spliced(t, i, 0, t[i], ' '); }]),
    fc.tuple(at, at).map(([p, q]): [string, Edit] => ['swap', (t) => {
        const i = nth(t, p);
        const j = nth(t, q);
        if (i < 0) return t;
        const copy = [...t];
        [copy[i], copy[j]] = [copy[j], copy[i]];
        return copy;
    }]),
    fc.tuple(at, foreignToken).map(([p, word]): [string, Edit] => [`insert ${JSON.stringify(word)}`, (t) => { const i = nth(t, p); return spliced(t, Math.max(0, i), 0, word, ' '); }]),
    fc.tuple(at, foreignToken).map(([p, word]): [string, Edit] => [`replace with ${JSON.stringify(word)}`, (t) => { const i = nth(t, p); return i < 0 ? t : spliced(t, i, 1, word); }]),
    at.map((p): [string, Edit] => ['double semicolon', (t) => {
        const semis = t.flatMap((x, i) => (x === ';' ? [i] : []));
        return semis.length ? spliced(t, semis[Math.floor(p * semis.length)], 1, ';;') : t;
    }]),
    at.map((p): [string, Edit] => ['unterminate string', (t) => { const i = nth(t, p); return i < 0 ? t : spliced(t, i, 0, '"'); }]),
);

/** Whole-text changes. */
const textEdit: fc.Arbitrary<[string, (s: string) => string]> = fc.oneof(
    at.map((p): [string, (s: string) => string] => ['truncate', (s) => s.slice(0, Math.floor(p * s.length))]),
    fc.constant<[string, (s: string) => string]>(['CRLF', (s) => s.replaceAll('\n', '\r\n')]),
    fc.constant<[string, (s: string) => string]>(['CR only', (s) => s.replaceAll('\n', '\r')]),
    fc.tuple(at, fc.constantFrom(...ODD)).map(([p, c]): [string, (s: string) => string] => [`insert char ${JSON.stringify(c)}`, (s) => { const i = Math.floor(p * s.length); return s.slice(0, i) + c + s.slice(i); }]),
);

/** A mutated seed: 1-4 token edits, sometimes a whole-text change after them. */
const mutatedSeed: fc.Arbitrary<FuzzInput> = fc
    .tuple(fc.nat(SEEDS.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.option(textEdit, { freq: 3 }))
    .map(([seed, edits, whole]) => {
        let tokens = tokensOf(SEEDS[seed]);
        for (const [, e] of edits) tokens = e(tokens);
        let text = tokens.join('');
        if (whole) text = whole[1](text);
        return { text, how: `seed ${seed}: ${edits.map(([name]) => name).join(', ')}${whole ? `, ${whole[0]}` : ''}` };
    });

const DEEP = 10_000;
const LONG = 100_000;

/** Shapes that break recursive parsers and quadratic scanners. */
export const PATHOLOGICAL: [string, string][] = [
    ['deep braces', '{'.repeat(DEEP) + '}'.repeat(DEEP)],
    ['deep open braces', '{'.repeat(DEEP)],
    ['deep skip', `skip ${'{'.repeat(DEEP)}${'}'.repeat(DEEP)}`],
    ['deep open skip', `skip ${'{'.repeat(DEEP)}`],
    ['deep resources', 'resource r {'.repeat(DEEP)],
    ['deep hosts', 'on h { '.repeat(DEEP)],
    ['deep volumes', 'volume 0 { '.repeat(DEEP)],
    ['long word', 'x'.repeat(LONG)],
    ['long statement', `${'x'.repeat(LONG)} ${'y'.repeat(LONG)};`],
    ['long string', `"${'s'.repeat(LONG)}"`],
    ['long unterminated string', `"${'s'.repeat(LONG)}`],
    ['long number', '9'.repeat(LONG)],
    ['long comment', `#${'c'.repeat(LONG)}\n`],
    ['many semicolons', ';'.repeat(DEEP)],
    ['many resources', Array.from({ length: 2000 }, (_, i) => `resource q${i} { on a { address 10.9.${i >> 8}.${i & 255}:7000; } }`).join('\n')],
    ['NULs', '\0'.repeat(1000)],
];

/** A pathological shape dropped into a seed at a relative position. */
export function pathologicalInput(seed: number, at: number, [name, chunk]: [string, string]): FuzzInput {
    const text = SEEDS[seed];
    const i = Math.floor(at * text.length);
    return { text: text.slice(0, i) + chunk + text.slice(i), how: `seed ${seed}: ${name} at ${i}` };
}

const pathological: fc.Arbitrary<FuzzInput> = fc
    .tuple(fc.nat(SEEDS.length - 1), at, fc.constantFrom(...PATHOLOGICAL))
    .map(([seed, p, shape]) => pathologicalInput(seed, p, shape));

/** Bytes as a file of them would read (latin1: every byte one character). */
const randomBytes: fc.Arbitrary<FuzzInput> = fc
    .uint8Array({ maxLength: 2048 })
    .map((bytes) => ({ text: Buffer.from(bytes).toString('latin1'), how: `random bytes (${bytes.length})` }));

/** Random text over the language's own alphabet: more likely to get deep into the parser. */
const randomTokens: fc.Arbitrary<FuzzInput> = fc
    .array(fc.oneof(foreignToken, fc.constantFrom(' ', '\n', '{', '}', ';')), { maxLength: 200 })
    .map((tokens) => ({ text: tokens.join(' '), how: 'random tokens' }));

export const fuzzInput: fc.Arbitrary<FuzzInput> = fc.oneof(
    { weight: 14, arbitrary: mutatedSeed },
    { weight: 1, arbitrary: pathological },
    { weight: 2, arbitrary: randomBytes },
    { weight: 3, arbitrary: randomTokens },
);
