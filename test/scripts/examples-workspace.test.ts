/** `npm start` serves a copy of examples/: code-server's auto-save must never change the clone. */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { examplesWorkspace } from '../../scripts/examples-workspace.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples = join(root, 'examples');

function files(dir: string, base = dir): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name), base) : [relative(base, join(dir, e.name))]).sort();
}

describe('npm start workspace', () => {
    it('is a copy of examples/ outside the clone; editing it leaves the clone as it is', () => {
        const copy = examplesWorkspace(examples) as string;
        try {
            expect(relative(root, copy).startsWith('..')).toBe(true);
            expect(files(copy)).toEqual(files(examples));
            const before = readFileSync(join(examples, 'drbd.d', 'r0.res'), 'utf8');
            writeFileSync(join(copy, 'drbd.d', 'r0.res'), 'edited by the demo\n');
            expect(readFileSync(join(examples, 'drbd.d', 'r0.res'), 'utf8')).toBe(before);
        } finally {
            rmSync(dirname(copy), { recursive: true, force: true });
        }
    });

    it('is what scripts/start.mjs opens and installs on the simulated hosts', () => {
        const start = readFileSync(join(root, 'scripts', 'start.mjs'), 'utf8');
        expect(start).toMatch(/const EXAMPLES = examplesWorkspace\(REPO_EXAMPLES\);/);
        expect(start.match(/REPO_EXAMPLES/g)).toHaveLength(2);
    });
});
