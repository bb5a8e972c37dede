import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlesAreStale } from './global-setup.js';

const root = mkdtempSync(join(tmpdir(), 'drbdconf-stale-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, mtimeSeconds: number): void {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), mtimeSeconds, mtimeSeconds);
}

describe('bundlesAreStale', () => {
    it('is true without bundles, false when they are newer than every source, true after an edit', () => {
        for (const s of ['server/src/a.ts', 'common/src/c.ts', 'client/src/b.ts', 'package.json', 'esbuild.mjs', 'scripts/build-cli-snapshot.mjs']) file(s, 1000);
        file('server/src/syntax/generated/ast.ts', 3000); // written by the build itself: not a source
        expect(bundlesAreStale(root)).toBe(true);
        for (const b of ['dist/cli.cjs', 'dist/server.cjs', 'dist/extension.cjs']) file(b, 2000);
        expect(bundlesAreStale(root)).toBe(false);
        file('server/src/drbd/up/attach.ts', 2500);
        expect(bundlesAreStale(root)).toBe(true);
    });
});
