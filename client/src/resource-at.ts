/**
 * The top-level `resource NAME { … }` sections of a DRBD file, found with a small scan of the
 * text (comments, strings and braces as drbdadm's lexer reads them): enough to know which
 * resource the cursor is in without a round trip to the language server. `skip` sections are
 * not resources.
 */
export interface ResourceSpan {
    name: string;
    /** Offsets of the `resource` keyword and just after the closing brace (text end if unclosed). */
    start: number;
    end: number;
}

type Token = { kind: 'word' | 'string' | '{' | '}' | ';'; text: string; start: number; end: number };

function* tokens(text: string): Generator<Token> {
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (/\s/.test(c)) i++;
        else if (c === '#') {
            while (i < text.length && text[i] !== '\n') i++;
        } else if (c === '"') {
            const start = i++;
            let value = '';
            while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
                if (text[i] === '\\' && i + 1 < text.length) i++;
                value += text[i++];
            }
            i++;
            yield { kind: 'string', text: value, start, end: i };
        } else if (c === '{' || c === '}' || c === ';') {
            yield { kind: c, text: c, start: i, end: ++i };
        } else {
            const start = i;
            while (i < text.length && !/[\s{};"#]/.test(text[i])) i++;
            yield { kind: 'word', text: text.slice(start, i), start, end: i };
        }
    }
}

export function resourceSpans(text: string): ResourceSpan[] {
    const spans: ResourceSpan[] = [];
    let depth = 0;
    let statement: Token[] = [];
    let open: { name: string; start: number } | undefined;
    for (const t of tokens(text)) {
        if (t.kind === '{') {
            if (depth === 0) {
                const [kw, name] = statement;
                if (statement.length === 2 && kw.kind === 'word' && kw.text === 'resource' && (name.kind === 'word' || name.kind === 'string'))
                    open = { name: name.text, start: kw.start };
            }
            depth++;
            statement = [];
        } else if (t.kind === '}') {
            depth = Math.max(0, depth - 1);
            if (depth === 0 && open) {
                spans.push({ ...open, end: t.end });
                open = undefined;
            }
            statement = [];
        } else if (t.kind === ';') statement = [];
        else if (depth === 0) statement.push(t);
    }
    if (open) spans.push({ ...open, end: text.length });
    return spans;
}

/** The resource whose section contains `offset`, if any. */
export function resourceAt(text: string, offset: number): string | undefined {
    return resourceSpans(text).find((s) => s.start <= offset && offset <= s.end)?.name;
}
