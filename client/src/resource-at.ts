/**
 * The top-level `resource NAME { … }` sections of a DRBD file, found from the text's chunks
 * (comments, strings and braces as drbdadm's scanner reads them): enough to know which resource
 * the cursor is in without a round trip to the language server. `skip` sections are not resources.
 */
import { textChunks, type Chunk } from '../../common/src/text-chunks.js';

export interface ResourceSpan {
    name: string;
    /** Offsets of the `resource` keyword and just after the closing brace (text end if unclosed). */
    start: number;
    end: number;
}

/** A name as drbdadm reads it: a double-quoted string without its quotes and escapes. */
function nameOf(chunk: Chunk): string {
    if (!chunk.text.startsWith('"')) return chunk.text;
    return chunk.text.slice(1, chunk.text.endsWith('"') && chunk.text.length > 1 ? -1 : undefined).replace(/\\(.)/gs, '$1');
}

export function resourceSpans(text: string): ResourceSpan[] {
    const spans: ResourceSpan[] = [];
    let depth = 0;
    let statement: Chunk[] = [];
    let open: { name: string; start: number } | undefined;
    for (const t of textChunks(text)) {
        if (t.kind === 'comment') continue;
        if (t.kind === 'open') {
            if (depth === 0) {
                const [kw, name] = statement;
                if (statement.length === 2 && kw!.text === 'resource') open = { name: nameOf(name!), start: kw!.start };
            }
            depth++;
            statement = [];
        } else if (t.kind === 'close') {
            depth = Math.max(0, depth - 1);
            if (depth === 0 && open) {
                spans.push({ ...open, end: t.end });
                open = undefined;
            }
            statement = [];
        } else if (t.kind === 'semi') statement = [];
        else if (depth === 0) statement.push(t);
    }
    if (open) spans.push({ ...open, end: text.length });
    return spans;
}

/** The resource whose section contains `offset`, if any. */
export function resourceAt(text: string, offset: number): string | undefined {
    return resourceSpans(text).find((s) => s.start <= offset && offset <= s.end)?.name;
}
