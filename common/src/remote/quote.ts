/**
 * ssh joins everything after the destination into one string for the remote user's shell. We hand
 * it exactly one argument whose words are each single-quoted, so no name ever reaches the shell as
 * syntax (`r0; touch x` stays one word).
 */
export function posixQuote(word: string): string {
    return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function remoteCommand(argv: readonly string[]): string {
    return argv.map(posixQuote).join(' ');
}
