/**
 * The config text cut where drbdadm's scanner can never join two tokens: at whitespace, at the
 * delimiters `{`, `}`, `;` and at comments. A chunk keeps the exact text of one or more adjacent
 * tokens (`10.0.0.1:7788`, `/dev/sdb[0]`), so rejoining chunks with other whitespace gives
 * drbdadm the same tokens. Works on broken text too (completion runs on half-typed input).
 */
export type ChunkKind = 'word' | 'open' | 'close' | 'semi' | 'comment';

export interface Chunk {
    kind: ChunkKind;
    text: string;
    start: number;
    end: number;
    /** 0-based line of the chunk's start. */
    line: number;
}

const DELIMITER: Record<string, ChunkKind> = { '{': 'open', '}': 'close', ';': 'semi' };
const ENDS_WORD = new Set([' ', '\t', '\r', '\n', '{', '}', ';', '#']);

/** Length of a double-quoted string at `i` as drbdadm scans it (unterminated: up to the line end). */
function quotedLength(text: string, i: number): number {
    let j = i + 1;
    while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' && text[j + 1] !== '\n' ? 2 : 1;
    return (text[j] === '"' ? j + 1 : j) - i;
}

/** The chunks in text order, lazily: completion stops reading once it knows its context. */
export function* textChunks(text: string): Generator<Chunk> {
    let line = 0;
    let i = 0;
    while (i < text.length) {
        const c = text[i]!;
        if (c === '\n') {
            line++;
            i++;
        } else if (c === ' ' || c === '\t' || c === '\r') {
            i++;
        } else if (c === '#') {
            const end = text.indexOf('\n', i);
            const stop = end < 0 ? text.length : end;
            yield { kind: 'comment', text: text.slice(i, stop), start: i, end: stop, line };
            i = stop;
        } else if (DELIMITER[c]) {
            yield { kind: DELIMITER[c]!, text: c, start: i, end: i + 1, line };
            i++;
        } else {
            let j = i;
            while (j < text.length && !ENDS_WORD.has(text[j]!)) j += text[j] === '"' ? quotedLength(text, j) : 1;
            yield { kind: 'word', text: text.slice(i, j), start: i, end: j, line };
            i = j;
        }
    }
}
