import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { formatArgv, parseDryRun } from '../../server/src/remote/dry-run.js';

test('parseDryRun undoes formatArgv for any argv', () => {
    const word = fc.string({ minLength: 1, maxLength: 10 }).filter((w) => !/[\n\0]/.test(w));
    fc.assert(fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { maxLength: 4 }), (cmds) => {
        expect(parseDryRun(cmds.map(formatArgv).join('\n'))).toEqual(cmds);
    }));
});

test("formatArgv escapes exactly as drbdadm -d prints (real drbdadm, odd shared-secret and IPv6)", () => {
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
        const r = spawnSync('unshare', ['-u', 'sh', '-c', 'hostname hw1; drbdadm -c "$0" -d up r0', file], {
            encoding: 'utf8',
            timeout: 10_000,
            env: { ...process.env, DRBD_DRIVER_VERSION_OVERRIDE: '9.2.12' },
        });
        expect(r.status).toBe(0);
        const lines = r.stdout.split('\n').filter(Boolean);
        const cmds = parseDryRun(r.stdout);
        expect(cmds.map(formatArgv)).toEqual(lines);
        expect(cmds[2]).toContain(`--shared-secret=a b"c\\d#e,f&g*h~i'j`);
        expect(cmds[3]).toEqual(['drbdsetup', 'new-path', 'r0', '1', 'ipv6:[fd00::1]:7788', 'ipv6:[fd00::2]:7788']);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
