import { dryRunLine } from '../../../server/src/drbd/up/shell-escape.js';

/**
 * Line diff of the commands our plan expects (`-`) against the ones the host's own drbdadm would
 * run (`+`), with unchanged lines as context (` `). Empty when they are equal. Longest common
 * subsequence: plans are tens of lines, so the quadratic table is cheap.
 */
export function diffCommands(expected: readonly string[][], actual: readonly string[][]): string[] {
    return diffLines(expected.map(dryRunLine), actual.map(dryRunLine));
}

/** The same line diff of any two texts' lines (Apply's preview of a file's change). */
export function diffLines(a: readonly string[], b: readonly string[]): string[] {
    if (a.length === b.length && a.every((line, i) => line === b[i])) return [];
    const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--)
        for (let j = b.length - 1; j >= 0; j--)
            lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    const out: string[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        if (i < a.length && j < b.length && a[i] === b[j]) out.push(`  ${a[i++]}`), j++;
        else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(`- ${a[i++]}`);
        else out.push(`+ ${b[j++]}`);
    }
    return out;
}
