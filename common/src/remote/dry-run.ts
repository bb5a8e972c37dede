/**
 * `drbdadm -d` prints each command with every character outside [A-Za-z0-9%+-./:=@_] escaped by a
 * backslash. These two functions convert between that text and argv arrays.
 */
const PLAIN = /[A-Za-z0-9%+\-./:=@_]/;

export function formatArgv(argv: readonly string[]): string {
    return argv.map((w) => [...w].map((c) => (PLAIN.test(c) ? c : `\\${c}`)).join('')).join(' ');
}

/** The commands in `drbdadm -d` output, one argv per non-empty line. */
export function parseDryRun(text: string): string[][] {
    const commands: string[][] = [];
    for (const line of text.split('\n')) {
        const argv: string[] = [];
        let word: string | undefined;
        for (let i = 0; i < line.length; i++) {
            const c = line[i];
            if (c === '\\' && i + 1 < line.length) word = (word ?? '') + line[++i];
            else if (c === ' ' || c === '\t') {
                if (word !== undefined) argv.push(word);
                word = undefined;
            } else word = (word ?? '') + c;
        }
        if (word !== undefined) argv.push(word);
        if (argv.length > 0) commands.push(argv);
    }
    return commands;
}
