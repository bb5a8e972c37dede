/** Reads `drbdadm -d` output (see server/src/drbd/up/shell-escape.ts) back into argv arrays. */

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
