/** `drbdconf up|down` over ssh (server/src/cli/up-remote.ts) against simulated hosts. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, expect, test } from 'vitest';
import { runRemote } from '../../server/src/cli/up-remote.js';
import { localPlan } from '../harness/local-plan.js';
import { useRig } from '../harness/use-rig.js';

const rig = useRig(['hw1', 'hw2']);

const config = () => `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  on hw1 { address ${rig().hosts.hw1.address}:7788; node-id 0; }
  on hw2 { address ${rig().hosts.hw2.address}:7788; node-id 1; }
}
`;

beforeEach(() => {
    rig().reset();
    for (const h of ['hw1', 'hw2']) rig().install(h, 'r0.res', config());
});

async function cli(verb: 'up' | 'down', yes: boolean) {
    const file = join(rig().dir, 'r0.res');
    writeFileSync(file, config());
    const plans = ['hw1', 'hw2'].map((h) => localPlan(h, file, ['r0'], verb));
    const out = collect();
    const err = collect();
    const code = await runRemote(verb, plans, { sshConfig: rig().sshConfig, yes, out: out.stream, err: err.stream });
    return { code, out: out.text(), err: err.text(), plans };
}

function collect() {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    return { stream, text: () => text };
}

test('up --yes: preflight, plan, timestamped per-host output, summary; exit 0', async () => {
    const { code, out, plans } = await cli('up', true);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}hw1: ok — hostname hw1, drbdadm 9\.22\.0, kernel module 9\.2\.12, same commands as the local plan/m);
    expect(out).toContain('    7. drbdsetup connect r0 1');
    expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} \[hw2\] \$ drbdsetup new-resource r0 1$/m);
    expect(out).toMatch(/^ {2}hw1: ok — 7 of 7 commands ran$/m);
    expect(rig().calls('hw2')).toEqual(plans[1].steps.map((s) => s.argv));
});

test('a failing step: the summary names the step, its message and exit code; exit 1', async () => {
    rig().setFaults('hw1', { fail: ['10|drbdsetup attach *|1: Failure: (111) Low.dev. smaller than requested DRBD-dev. size.'] });
    const { code, out } = await cli('up', true);
    expect(code).toBe(1);
    expect(out).toMatch(/\[hw1\] ! 1: Failure: \(111\) Low\.dev\. smaller than requested DRBD-dev\. size\.$/m);
    expect(out).toContain(
        'hw1: FAILED at 6/7 `drbdsetup attach 1 /dev/sdb1 /dev/sdb1 internal` (exit 10): drbdsetup exited with 10: 1: Failure: (111) Low.dev. smaller than requested DRBD-dev. size. — 5 ran ok; not run: 7',
    );
    expect(rig().calls('hw1').length).toBe(6);
});

test('down uses the same machinery', async () => {
    const { code, plans } = await cli('down', true);
    expect(code).toBe(0);
    expect(plans[0].steps.map((s) => s.argv)).toEqual([['drbdsetup', 'down', 'r0']]);
    expect(rig().calls('hw1')).toEqual([['drbdsetup', 'down', 'r0']]);
});

test('without --yes and without a terminal it refuses before connecting; exit 2', async () => {
    const { code, err, out } = await cli('up', false);
    expect(code).toBe(2);
    expect(err).toContain('stdin is not a terminal');
    expect(out).toBe('');
    expect(rig().calls('hw1')).toEqual([]);
});

test('a failed preflight runs nothing; exit 1', async () => {
    rig().install('hw1', 'r0.res', config().replace('minor 1', 'minor 2'));
    const { code, out } = await cli('up', true);
    expect(code).toBe(1);
    expect(out).toContain('hw1: FAILED');
    expect(out).toContain('drift: hw1 would up a different configuration');
    expect(out).toContain('      | - drbdsetup new-minor r0 1 0');
    expect(out).toContain('Nothing was run');
    expect(rig().calls('hw2')).toEqual([]);
});
