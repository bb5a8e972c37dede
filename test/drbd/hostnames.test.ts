import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { hostnamesEqual } from '../../server/src/drbd/hostnames.js';
import { drbdadmAsSync } from '../oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'hostname-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The oracle: does the real drbdadm, running on a host called `nodename`, take `on NAME` as itself? */
function drbdadmSaysThisHost(onName: string, nodename: string): boolean {
    const file = join(dir, 'r.res');
    writeFileSync(
        file,
        `resource r0 { device minor 1; disk /dev/sdb1; meta-disk internal;
  on "${onName}" { address 10.0.0.1:7788; node-id 0; }
  on zz-other { address 10.0.0.2:7788; node-id 1; } }
`,
    );
    const r = drbdadmAsSync(nodename, ['-c', file, '-d', 'up', 'r0']);
    return r.rc === 0 && r.out.includes('new-resource r0 0');
}

const pairs: [string, string][] = [
    ['hw1', 'hw1'],
    ['hw1', 'HW1'],
    ['hw1', 'hw2'],
    ['hw1', 'hw1.example.com'],
    ['hw1.example.com', 'hw1'],
    ['hw1.example.com', 'HW1.EXAMPLE.COM'],
    ['hw1.example.com', 'hw1.other.com'],
    ['hw1.a', 'hw1.a.b'],
    ['hw1', 'hw11'],
    ['hw', 'hw1.example.com'],
];

test.each(pairs)('on %s, hostname %s: same answer as drbdadm', (onName, nodename) => {
    expect(hostnamesEqual(onName, nodename)).toBe(drbdadmSaysThisHost(onName, nodename));
});
