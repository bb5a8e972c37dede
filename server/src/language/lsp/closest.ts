/** Edit distance (insertions, deletions, substitutions), for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) {
            next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        row = next;
    }
    return row[b.length]!;
}

/** Up to `count` candidates nearest to `word`, close enough to be a typo of it, nearest first. */
export function closest(word: string, candidates: readonly string[], count = 3): string[] {
    const limit = Math.max(2, Math.floor(word.length / 3));
    return candidates
        .map((c) => ({ c, d: editDistance(word.toLowerCase(), c.toLowerCase()) }))
        .filter(({ d }) => d <= limit)
        .sort((x, y) => x.d - y.d)
        .slice(0, count)
        .map(({ c }) => c);
}
