/**
 * `drbdconf up RES` over ssh when hosts run different drbd-utils releases (a rolling upgrade):
 * the configuration is checked as the target release, each host is planned, checked and run as
 * its own drbdadm's release. Simulated hosts run another release's real drbdadm.
 */
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openConfig } from '../../server/src/cli/config-input.js';
import { remoteCommand } from '../../server/src/cli/up-remote-command.js';
import { DEFAULT_RELEASE, resolveRelease } from '../../server/src/drbd/release.js';
import { dryRunLine } from '../../server/src/drbd/up/shell-escape.js';
import { localPlan } from '../harness/local-plan.js';
import { hostRelease } from '../harness/releases.js';
import { useRig } from '../harness/use-rig.js';
import { INSTALLED_RELEASE } from '../oracle.js';

// 9.15.0 plans these as 9.22.0 does (the plumbing alone); 9.34.0 adds `drbdmeta … repair-md`.
for (const release of ['9.15.0', '9.34.0']) {
    const other = hostRelease(release, `drbdconf up on hosts running drbdadm ${release}`);
    describe.skipIf(!other)(`hw1 and hw3 run drbdadm ${release}, hw2 the installed ${INSTALLED_RELEASE.release}`, () => {
        const rig = useRig(['hw1', 'hw2', 'hw3'], { drbdadm: other && { hw1: other.drbdadm, hw3: other.drbdadm } });
        const addr = (h: string) => rig().hosts[h].address;
        // r0: both hosts on the other release; r1: one host on each.
        const config = () => `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  on hw1 { address ${addr('hw1')}:7788; node-id 0; }
  on hw3 { address ${addr('hw3')}:7788; node-id 1; }
}
resource r1 {
  device minor 2; disk /dev/sdc1; meta-disk internal;
  net { shared-secret "s3cr3t-${release}"; cram-hmac-alg sha1; }
  on hw1 { address ${addr('hw1')}:7789; node-id 0; }
  on hw2 { address ${addr('hw2')}:7789; node-id 1; }
}
`;

        async function up(resource: string) {
            rig().reset();
            for (const h of ['hw1', 'hw2', 'hw3']) rig().install(h, 'test.res', config());
            const file = join(rig().dir, 'test.res');
            writeFileSync(file, config());
            let out = '';
            const stream = new PassThrough().on('data', (c: Buffer) => (out += c.toString()));
            const code = await remoteCommand('up', openConfig(file, rig().dir), [resource], { sshConfig: rig().sshConfig, yes: true, release: DEFAULT_RELEASE, out: stream, err: stream });
            /** What the host's own drbdadm prints for `-d up RES`. */
            const oracle = (host: string) => localPlan(host, file, [resource], 'up', host === 'hw2' ? INSTALLED_RELEASE : other!.oracle).steps.map((s) => s.argv);
            return { code, out, oracle };
        }

        test(`up r0 on two ${release} hosts: each records what its own drbdadm -d up prints; the plan names the release`, async () => {
            const { code, out, oracle } = await up('r0');
            expect(out).toContain(`configuration checked as drbd-utils ${DEFAULT_RELEASE}, each host planned as its drbdadm's release:`);
            for (const h of ['hw1', 'hw3']) {
                expect(out).toMatch(new RegExp(`^ {2}${h}: ok — hostname ${h}, drbdadm ${release.replaceAll('.', '\\.')}, `, 'm'));
                expect(out).toContain(`  ${h}: ${oracle(h).length} commands (drbd-utils ${release})\n${oracle(h).map((a, i) => `    ${i + 1}. ${dryRunLine(a)}\n`).join('')}`);
            }
            expect(code).toBe(0);
            for (const h of ['hw1', 'hw3']) expect(rig().calls(h)).toEqual(oracle(h));
            expect(rig().calls('hw2')).toEqual([]);
        });

        test(`up r1 on a mixed pair (${release} and ${INSTALLED_RELEASE.release}): each host runs its own release's plan`, async () => {
            const { code, out, oracle } = await up('r1');
            expect(out).toContain(`  hw1: ${oracle('hw1').length} commands (drbd-utils ${release})`);
            expect(out).toContain(`  hw2: ${oracle('hw2').length} commands (drbd-utils ${INSTALLED_RELEASE.release})`);
            expect(out).not.toContain(`s3cr3t-${release}`);
            expect(code).toBe(0);
            for (const h of ['hw1', 'hw2']) expect(rig().calls(h)).toEqual(oracle(h));
        });
    });
}

describe('a host whose drbdadm names a release drbdconf does not know', () => {
    // hw1: the installed drbdadm (a copy, called by the host's /usr/sbin/drbdadm) saying it is 9.22.7.
    const fake = join(tmpdir(), `drbdconf-fake-drbdadm-${process.pid}`);
    beforeAll(() => {
        mkdirSync(fake, { recursive: true });
        copyFileSync('/usr/sbin/drbdadm', join(fake, 'real'));
        const script = `#!/bin/sh
case "$1" in
--version) ${join(fake, 'real')} --version | sed 's/^DRBDADM_VERSION=.*/DRBDADM_VERSION=9.22.7/' ;;
*) exec ${join(fake, 'real')} "$@" ;;
esac
`;
        writeFileSync(join(fake, 'drbdadm'), script);
        chmodSync(join(fake, 'drbdadm'), 0o755);
    });
    afterAll(() => rmSync(fake, { recursive: true, force: true }));
    const rig = useRig(['hw1', 'hw2'], { drbdadm: { hw1: join(fake, 'drbdadm') } });

    test('it is planned as the nearest older known release, and the output says so', async () => {
        const config = `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  on hw1 { address ${rig().hosts.hw1.address}:7788; node-id 0; }
  on hw2 { address ${rig().hosts.hw2.address}:7788; node-id 1; }
}
`;
        for (const h of ['hw1', 'hw2']) rig().install(h, 'r0.res', config);
        const file = join(rig().dir, 'r0.res');
        writeFileSync(file, config);
        let out = '';
        const stream = new PassThrough().on('data', (c: Buffer) => (out += c.toString()));
        const code = await remoteCommand('up', openConfig(file, rig().dir), ['r0'], { sshConfig: rig().sshConfig, yes: true, release: DEFAULT_RELEASE, out: stream, err: stream });
        const read = resolveRelease('9.22.7')!;
        expect(out).toMatch(/^ {2}hw1: ok — hostname hw1, drbdadm 9\.22\.7, /m);
        expect(out).toContain(`\n    release: ${read.hint}\n`);
        expect(out).toMatch(new RegExp(`^ {2}hw1: \\d+ commands \\(drbd-utils ${read.release.replaceAll('.', '\\.')}\\)$`, 'm'));
        expect(code).toBe(0);
        expect(rig().calls('hw1')).toEqual(localPlan('hw1', file, ['r0']).steps.map((s) => s.argv));
    });
});
