import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCall, parseCalls, shimScript } from './shim.js';

describe('the recording stand-in for drbdsetup/drbdmeta', () => {
    const hd = mkdtempSync(join(tmpdir(), 'drbd-shim-'));
    const shim = join(hd, 'drbdsetup');
    writeFileSync(shim, shimScript(hd));
    chmodSync(shim, 0o755);
    afterAll(() => rmSync(hd, { recursive: true, force: true }));

    const record = (calls: string[][]) => {
        writeFileSync(join(hd, 'calls'), '');
        for (const argv of calls) execFileSync(shim, argv, { timeout: 5000 });
        return readFileSync(join(hd, 'calls'), 'utf8');
    };

    it('writes one call a line, as shell words a developer can read and paste', () => {
        const text = record([['new-resource', 'r0', '0', '--quorum=majority'], ['attach', '0', '/dev/my disk', "it's", '']]);
        expect(text).toBe("drbdsetup new-resource r0 0 --quorum=majority\ndrbdsetup attach 0 '/dev/my disk' 'it'\\''s' ''\n");
        expect(text).toBe(`${formatCall(['drbdsetup', 'new-resource', 'r0', '0', '--quorum=majority'])}\n${formatCall(['drbdsetup', 'attach', '0', '/dev/my disk', "it's", ''])}\n`);
    });

    it('reads every argv back exactly: spaces, quotes, newlines, backslashes, empty words', () => {
        const word = fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', '\n', '\\', '$', '*', '-', '\t', 'é'), maxLength: 8 });
        const calls = fc.sample(fc.array(word, { minLength: 0, maxLength: 4 }), { numRuns: 30, seed: 3 });
        expect(parseCalls(record(calls))).toEqual(calls.map((argv) => ['drbdsetup', ...argv]));
    });
});
