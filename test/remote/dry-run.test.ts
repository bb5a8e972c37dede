import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseDryRun } from '../../common/src/remote/dry-run.js';
import { dryRunLine } from '../../server/src/drbd/up/shell-escape.js';
import { drbdadmAsSync } from '../oracle.js';

test('parseDryRun undoes dryRunLine for any argv', () => {
    const word = fc.string({ minLength: 1, maxLength: 10 }).filter((w) => !/[\n\0]/.test(w));
    fc.assert(fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { maxLength: 4 }), (cmds) => {
        expect(parseDryRun(cmds.map(dryRunLine).join('\n'))).toEqual(cmds);
    }));
});

test("dryRunLine escapes exactly as drbdadm -d prints (real drbdadm, odd shared-secret and IPv6)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dry-run-'));
    try {
        const file = join(dir, 'r.res');
        writeFileSync(
            file,
            `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  net { shared-secret "a b\\"c\\\\d#e,f&g*h~i'j"; }
  on hw1 { address ipv6 [fd00::1]:7788; node-id 0; }
  on hw2 { address ipv6 [fd00::2]:7788; node-id 1; }
}
`,
        );
        const r = drbdadmAsSync('hw1', ['-c', file, '-d', 'up', 'r0']);
        expect(r.rc).toBe(0);
        const lines = r.out.split('\n').filter(Boolean);
        const cmds = parseDryRun(r.out);
        expect(cmds.map(dryRunLine)).toEqual(lines);
        expect(cmds[2]).toContain(`--shared-secret=a b"c\\d#e,f&g*h~i'j`);
        expect(cmds[3]).toEqual(['drbdsetup', 'new-path', 'r0', '1', 'ipv6:[fd00::1]:7788', 'ipv6:[fd00::2]:7788']);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
