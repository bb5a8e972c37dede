/**
 * GlobCache answers as globLikeC does, and lists a directory again once its mtime changed: a file
 * added, removed or renamed in it, whether or not the editor's watcher reported it.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GlobCache } from '../../../server/src/language/workspace/glob-cache.js';
import { globLikeC } from '../../../server/src/reader/build/include-glob.js';

const root = mkdtempSync(join(tmpdir(), 'drbd-glob-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A directory's mtime set back (a minute or more): settled, so its listing is kept. */
function settle(dir: string, secondsAgo = 120): void {
    const past = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(dir, past, past);
}

function tree(name: string, files: string[]): string {
    const dir = join(root, name);
    mkdirSync(join(dir, 'drbd.d'), { recursive: true });
    for (const f of files) writeFileSync(join(dir, 'drbd.d', f), '');
    settle(join(dir, 'drbd.d'));
    settle(dir);
    return dir;
}

describe('GlobCache', () => {
    it('answers as globLikeC, for patterns and literal names', () => {
        const dir = tree('same', ['b.res', 'a.res', '.hidden.res', 'c.conf']);
        const cache = new GlobCache();
        for (const pattern of ['drbd.d/*.res', 'drbd.d/?.conf', 'drbd.d/b.res', 'drbd.d/none.res', 'none/*.res', '*/a.res']) {
            expect(cache.glob(pattern, dir)).toEqual(globLikeC(pattern, dir));
            expect(cache.glob(pattern, dir)).toEqual(globLikeC(pattern, dir));
        }
    });

    it('keeps a listing while the directory keeps its mtime', () => {
        const dir = tree('kept', ['a.res']);
        const cache = new GlobCache();
        expect(cache.glob('drbd.d/*.res', dir)).toEqual(['drbd.d/a.res']);
        const { mtime } = statSync(join(dir, 'drbd.d'));
        writeFileSync(join(dir, 'drbd.d', 'b.res'), '');
        utimesSync(join(dir, 'drbd.d'), mtime, mtime);
        expect(cache.glob('drbd.d/*.res', dir)).toEqual(['drbd.d/a.res']);
    });

    it('lists again after a file is added, removed or renamed', () => {
        const dir = tree('changed', ['a.res', 'b.res']);
        const d = join(dir, 'drbd.d');
        const cache = new GlobCache();
        const glob = () => cache.glob('drbd.d/*.res', dir);
        expect(glob()).toEqual(['drbd.d/a.res', 'drbd.d/b.res']);
        // Each change leaves another settled mtime: the cache, not the one-second rule, notices it.
        writeFileSync(join(d, 'c.res'), '');
        settle(d, 90);
        expect(glob()).toEqual(['drbd.d/a.res', 'drbd.d/b.res', 'drbd.d/c.res']);
        unlinkSync(join(d, 'a.res'));
        settle(d, 80);
        expect(glob()).toEqual(['drbd.d/b.res', 'drbd.d/c.res']);
        renameSync(join(d, 'b.res'), join(d, 'b.off'));
        settle(d, 70);
        expect(glob()).toEqual(['drbd.d/c.res']);
    });

    it('does not keep the listing of a directory that changed within the last second', () => {
        const dir = tree('fresh', ['a.res']);
        const d = join(dir, 'drbd.d');
        writeFileSync(join(d, 'b.res'), '');
        const cache = new GlobCache();
        expect(cache.glob('drbd.d/*.res', dir)).toEqual(['drbd.d/a.res', 'drbd.d/b.res']);
        // Another change in the same mtime: seen only because that listing was not kept.
        const { mtime } = statSync(d);
        writeFileSync(join(d, 'c.res'), '');
        utimesSync(d, mtime, mtime);
        expect(cache.glob('drbd.d/*.res', dir)).toEqual(['drbd.d/a.res', 'drbd.d/b.res', 'drbd.d/c.res']);
    });

    it('finds a literal include once it exists, and nothing once its directory is gone', () => {
        const dir = tree('literal', []);
        const cache = new GlobCache();
        expect(cache.glob('drbd.d/r0.res', dir)).toEqual([]);
        writeFileSync(join(dir, 'drbd.d', 'r0.res'), '');
        expect(cache.glob('drbd.d/r0.res', dir)).toEqual(['drbd.d/r0.res']);
        rmSync(join(dir, 'drbd.d'), { recursive: true });
        expect(cache.glob('drbd.d/*.res', dir)).toEqual([]);
        expect(cache.glob('drbd.d/r0.res', dir)).toEqual([]);
    });

    it('keeps the patterns used last, at most 256 (typing an include goes through many)', () => {
        const dir = tree('many-patterns', ['r0.res']);
        const cache = new GlobCache();
        for (let i = 0; i < 300; i++) cache.glob(`drbd.d/r${i}*.res`, dir);
        expect(cache.size).toBe(256);
        expect(cache.glob('drbd.d/r0*.res', dir)).toEqual(['drbd.d/r0.res']);
    });
});
