/**
 * drbdadm's parse error texts (pe_expected, pe_expected_got, pe_field in drbdadm_parser.c),
 * without the `FILE:LINE: ` prefix and the final newline.
 */

/** printf's `'%.20s%s'` with "..." for longer texts; C counts bytes, not characters. */
export function clip20(text: string): string {
    const bytes = Buffer.from(text, 'utf8');
    return bytes.length > 20 ? `${bytes.subarray(0, 20).toString('utf8')}...` : text;
}

/** pe_expected: the offending token's text, no token number. */
export function expected(what: string, got: string): string {
    return `Parse error: '${what}' expected,\n\tbut got '${clip20(got)}'`;
}

/** pe_expected_got: as `expected`, plus the token number. */
export function expectedToken(what: string, got: string, tk: number): string {
    return `${expected(what, got)} (TK ${tk})`;
}

/** pe_field: an option value failed its check; `extra` is the optional follow-up line. */
export function badValue(value: string, field: string, reason: string, extra?: string): string {
    const text = `Parse error: while parsing value ('${clip20(value)}')\nfor ${field}. Value is ${reason}.`;
    return extra === undefined ? text : `${text}\n${extra}`;
}
