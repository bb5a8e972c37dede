/** The Up/Down flow with the real runner (ssh-remote.ts) against simulated hosts behind real sshd. */
import { beforeEach, expect, test } from 'vitest';
import { openSshRemote } from '../../client/src/ssh-remote.js';
import { runUpFlow } from '../../client/src/up-flow.js';
import { localPlan } from '../harness/local-plan.js';
import { useRig } from '../harness/use-rig.js';
import { fakePorts } from './flow-ports.js';
import { planResult, SECRET } from './plan-fixture.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const rig = useRig(['hw1', 'hw2']);

const config = () => `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  net { shared-secret "${SECRET}"; }
  on hw1 { address ${rig().hosts.hw1.address}:7788; node-id 0; }
  on hw2 { address ${rig().hosts.hw2.address}:7788; node-id 1; }
}
`;

beforeEach(() => {
    rig().reset();
    for (const h of ['hw1', 'hw2']) rig().install(h, 'r0.res', config());
});

const target = { uri: 'file:///work/r0.res', resource: 'r0' };
const remote = (hosts?: Record<string, string>) => () => openSshRemote({ configFile: rig().sshConfig, connectTimeoutSec: 3, hosts });

/** What the real drbdadm would run on `host` for the config. */
function oracle(host: string): string[][] {
    const dir = mkdtempSync(join(rig().dir, 'oracle-'));
    try {
        writeFileSync(join(dir, 'r0.res'), config());
        return localPlan(host, join(dir, 'r0.res'), ['r0']).steps.map((s) => s.argv);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

test('confirmed Up: each host records its drbdadm -d up; live per-host log, masked', async () => {
    const { ports, rec } = fakePorts({ plan: planResult(config(), 'r0'), remote: remote(), answer: true });
    expect(await runUpFlow('up', target, ports)).toBe('ok');
    for (const h of ['hw1', 'hw2']) expect(rig().calls(h)).toEqual(oracle(h));
    const log = rec.logs.map((l) => l.text);
    expect(log).toContain('[hw2] #1 $ drbdsetup new-resource r0 1');
    expect(log).toContain('[hw1] #3 $ drbdsetup new-peer r0 1 --_name=hw2 --shared-secret=********');
    expect(log.filter((l) => /^\[hw1\] #\d ok \(exit 0, \d+ ms\)$/.test(l))).toHaveLength(7);
    // In the order they ran: `#1 $ …`, `#1 ok`, `#2 $ …`, …
    for (const h of ['hw1', 'hw2']) {
        const steps = log.filter((l) => l.startsWith(`[${h}] #`) && / (\$|ok) /.test(l)).map((l) => / #(\d+) (\$|ok)/.exec(l)!.slice(1).join(' '));
        expect(steps).toEqual(oracle(h).flatMap((_, i) => [`${i + 1} $`, `${i + 1} ok`]));
    }
    expect(rec.notices.map((n) => n.text)).toEqual(['DRBD: Up r0: hw1 ok (7 of 7 commands ran); hw2 ok (7 of 7 commands ran)']);
    expect(JSON.stringify([rec.logs, rec.notices, rec.confirms, rec.progress])).not.toContain(SECRET);
});

test('an unknown host key fails the preflight: nothing runs anywhere, no question asked', async () => {
    const { ports, rec } = fakePorts({ plan: planResult(config(), 'r0'), remote: remote({ hw2: rig().aliases.unknownKey }), answer: true });
    expect(await runUpFlow('up', target, ports)).toBe('preflight-failed');
    expect(rec.confirms).toEqual([]);
    expect(rec.logs.map((l) => l.text).join('\n')).toMatch(/hw2 \(unknown-key\): FAILED[^\n]*\n {4}connect: the host key of unknown-key is not known/);
    expect(rig().calls('hw1')).toEqual([]);
    expect(rig().calls('hw2')).toEqual([]);
});

/**
 * An Up of r0 where hw1's attach is slow, cancelled from the progress notification once `ready`
 * holds (bounded: 15 s).
 */
function slowAttachUp(ready: (rec: ReturnType<typeof fakePorts>['rec']) => boolean) {
    rig().setFaults('hw1', { delay: ['20|drbdsetup attach *'] });
    const started = Date.now();
    const made = fakePorts({
        plan: planResult(config(), 'r0'),
        remote: remote(),
        answer: true,
        onProgress: (title, abort) => {
            if (title.includes('preflight')) return;
            const poll = setInterval(() => {
                if (ready(made.rec) || Date.now() - started > 15_000) {
                    clearInterval(poll);
                    abort.abort();
                }
            }, 50);
        },
    });
    return made;
}

test('cancel from the progress notification stops the remote work; the summary says what ran', async () => {
    const { ports, rec } = slowAttachUp(() => rig().calls('hw1').some((c) => c[1] === 'attach'));
    expect(await runUpFlow('up', target, ports)).toBe('cancelled');
    expect(rig().calls('hw1').map((c) => c[1])).not.toContain('connect');
    expect(rig().processes('hw1').filter((p) => /drbdsetup|sleep/.test(p.cmd))).toEqual([]);
    expect(rec.notices).toEqual([{ severity: 'warning', text: expect.stringMatching(/^DRBD: Up r0: hw1 CANCELLED during step 6 `drbdsetup attach /), actions: ['Show output'] }]);
});

test("progress names the host still working, with its step, and a finished host as done", async () => {
    // cancel once hw2 is through and hw1 waits on its slow attach
    const { ports, rec } = slowAttachUp((r) => r.progress.some((m) => m.includes('attach (hw2 done)')));
    expect(await runUpFlow('up', target, ports)).toBe('cancelled');
    const said = rec.progress.filter((m) => m.startsWith('  '));
    expect(said).toContain('  hw1: 6/7 drbdsetup attach (hw2 done)');
    const done = said.findIndex((m) => m.includes('hw2 done'));
    expect(said.slice(done).filter((m) => m.includes('hw2:'))).toEqual([]);
});
