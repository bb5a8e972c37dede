import { tokenNumber, TK_STRING } from '../drbd/options/scanner-token.js';

/** A token as drbdadm's scanner cuts it: its text, number (0 at the end), 1-based line, 0-based column, and where it ends. */
export interface ScannedToken {
    image: string;
    tk: number;
    line: number;
    char: number;
    end: number;
}

/** The token starting at or after `offset` in `text`, comments and blanks skipped. */
export function tokenFrom(text: string, offset: number): ScannedToken {
    const re = /(?:\s|#[^\n]*)*([{}[\];:]|"[^"\n]*"?|[A-Za-z0-9/._-]+|[^\s])?/y;
    re.lastIndex = offset;
    const m = re.exec(text);
    const image = m?.[1] ?? '';
    const start = re.lastIndex - image.length;
    const line = text.slice(0, start).split('\n').length;
    const char = start - text.lastIndexOf('\n', start - 1) - 1;
    return { image, tk: image === '' ? 0 : image.startsWith('"') ? TK_STRING : tokenNumber(image), line, char, end: re.lastIndex };
}

/** A token's text as drbdadm's yytext holds it (a double-quoted string without its quotes). */
export const gotText = (image: string): string => (image.startsWith('"') && image.endsWith('"') && image.length > 1 ? image.slice(1, -1) : image);
