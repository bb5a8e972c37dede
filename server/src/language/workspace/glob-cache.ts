import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DISK, globLikeC } from '../../reader/build/include-glob.js';

interface Entry {
    matches: string[];
    /** Each directory the glob looked into (listed, or looked up a name in), and its mtime then. */
    looked: Map<string, number>;
}

/** A directory changed this recently may change again within its mtime's granularity: not trusted. */
const SETTLED_MS = 1000;

/** Patterns kept, the most recently used: typing an include keeps each pattern on the way. */
const KEPT = 256;

/**
 * globLikeC's answers, kept while the directories it looked into keep their mtime (adding, removing
 * or renaming an entry changes it): an analysis listed, matched and sorted a 1 000-file drbd.d at
 * every keystroke. Files the editor's watcher never reports (outside the workspace, other
 * extensions) are noticed as well.
 */
export class GlobCache {
    private readonly entries = new Map<string, Entry>();

    /** How many patterns are kept. */
    get size(): number {
        return this.entries.size;
    }

    glob(pattern: string, cwd: string): string[] {
        const key = `${cwd}\0${pattern}`;
        const entry = this.entries.get(key);
        this.entries.delete(key);
        if (entry && unchanged(entry.looked)) {
            this.entries.set(key, entry);
            return entry.matches;
        }
        const looked = new Map<string, number>();
        let settled = true;
        // Before reading a directory: a change while it is read shows at the next look.
        const look = (dir: string) => {
            if (looked.has(dir)) return;
            const mtime = mtimeOf(dir);
            if (Date.now() - mtime < SETTLED_MS) settled = false;
            looked.set(dir, mtime);
        };
        const matches = globLikeC(pattern, cwd, {
            list: (dir) => (look(dir), DISK.list(dir)),
            exists: (path) => (look(dirname(path)), DISK.exists(path)),
            isDirectory: (path) => (look(dirname(path)), DISK.isDirectory(path)),
        });
        if (settled) this.entries.set(key, { matches, looked });
        // A Map iterates in insertion order: the first key is the one used longest ago.
        if (this.entries.size > KEPT) this.entries.delete(this.entries.keys().next().value!);
        return matches;
    }
}

function unchanged(looked: Map<string, number>): boolean {
    for (const [dir, mtime] of looked) if (mtimeOf(dir) !== mtime) return false;
    return true;
}

/** A directory's mtime in ms; -1 when it does not exist (its creation then changes the answer). */
function mtimeOf(dir: string): number {
    try {
        return statSync(dir).mtimeMs;
    } catch {
        return -1;
    }
}
