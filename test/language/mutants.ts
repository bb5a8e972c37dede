/**
 * Single-token mutants of accepted configurations: each token deleted, doubled, or replaced by a
 * keyword of another section, a stray word, a number out of range or a lone `;`, `{`, `}` —
 * the one-keystroke mistakes people make.
 */

export interface Token {
    start: number;
    end: number;
    text: string;
}

/** Tokens roughly as drbdadm's scanner cuts them (comments and blanks skipped). */
export function tokens(text: string): Token[] {
    const out: Token[] = [];
    const re = /"(?:[^"\\\n]|\\.)*"|[{};[\]]|[^\s{};[\]"#]+|#[^\n]*/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
        if (!m[0].startsWith('#')) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    }
    return out;
}

/** Replacements: keywords of other sections, stray words, out-of-range numbers, lone punctuation. */
export const SUBSTITUTES = [
    'volume', 'net', 'on', 'address', 'host', 'hosts', 'device', 'disk', 'node-id', 'resource', 'proxy', 'connection', 'options',
    'foo', '"x y"', '99999999', '0', '-1', ';', '{', '}',
];

export interface Mutant {
    /** What was done, e.g. `delete 12 '}'`. */
    what: string;
    text: string;
}

/** `substitutes(i)`: the replacements tried for token i. */
export function mutants(text: string, substitutes: (token: number) => readonly string[] = () => SUBSTITUTES): Mutant[] {
    const out: Mutant[] = [];
    const seen = new Set<string>([text]);
    const add = (what: string, mutated: string) => {
        if (seen.has(mutated)) return;
        seen.add(mutated);
        out.push({ what, text: mutated });
    };
    tokens(text).forEach((t, i) => {
        const head = text.slice(0, t.start);
        const tail = text.slice(t.end);
        add(`delete #${i} '${t.text}'`, head + tail);
        add(`double #${i} '${t.text}'`, `${head}${t.text} ${t.text}${tail}`);
        for (const s of substitutes(i)) if (s !== t.text) add(`replace #${i} '${t.text}' by '${s}'`, `${head}${s}${tail}`);
    });
    return out;
}
