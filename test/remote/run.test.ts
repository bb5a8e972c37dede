/** The runner against simulated hosts behind real sshd (test/harness): real ssh, sshd and drbdadm. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { HostPlan } from '../../server/src/drbd/up/plan.js';
import { driftLegend, preflight, type PreflightReport } from '../../common/src/remote/preflight.js';
import { runPlans, type RunEvent, type RunOptions } from '../../common/src/remote/run.js';
import { SshSession, type SshSettings } from '../../common/src/remote/ssh.js';
import { localPlan } from '../harness/local-plan.js';
import { startRig, type Rig } from '../harness/rig.js';

let rig: Rig;
let local: string;

beforeAll(async () => {
    rig = await startRig(['hw1', 'hw2', 'hw3']);
    local = join(rig.dir, 'local');
    mkdirSync(local);
}, 20_000);
afterAll(() => rig?.stop(), 20_000);

const addr = (h: string) => rig.hosts[h].address;

function r0(port = 7788): string {
    return `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  net { protocol C; shared-secret "a b\\"c#e"; }
  on hw1 { address ${addr('hw1')}:${port}; node-id 0; }
  on hw2 { address ${addr('hw2')}:${port}; node-id 1; }
}
`;
}

const r3 = () => `resource r3 {
  volume 0 { device minor 3; disk /dev/sdc1; meta-disk internal; }
  volume 1 { device minor 4; disk /dev/sdd1; meta-disk /dev/sde1; }
  on hw1 { address ${addr('hw1')}:7790; node-id 0; }
  on hw2 { address ${addr('hw2')}:7790; node-id 1; }
  on hw3 { address ${addr('hw3')}:7790; node-id 2; }
  connection-mesh { hosts hw1 hw2 hw3; }
}
`;

/** The config "on screen" and its per-host plans from the real drbdadm. */
function plansFor(file: string, text: string, hosts: string[], resource: string): HostPlan[] {
    writeFileSync(join(local, file), text);
    return hosts.map((h) => localPlan(h, join(local, file), [resource]));
}

beforeEach(() => {
    rig.reset();
    for (const h of ['hw1', 'hw2', 'hw3']) {
        rig.install(h, 'r0.res', r0());
        rig.install(h, 'r3.res', r3());
    }
});

async function withSession<T>(settings: Partial<SshSettings>, f: (s: SshSession) => Promise<T>): Promise<T> {
    const session = await SshSession.open({ configFile: rig.sshConfig, connectTimeoutSec: 3, ...settings });
    try {
        return await f(session);
    } finally {
        await session.close();
    }
}

async function upAll(plans: HostPlan[], settings: Partial<SshSettings> = {}, opts: RunOptions = {}) {
    return withSession(settings, async (s) => {
        const pre = await preflight(s, 'up', plans);
        const run = pre.ok ? await runPlans(s, pre, opts) : undefined;
        return { pre, run };
    });
}

const problems = (pre: PreflightReport, host: string) => pre.hosts.find((h) => h.host === host)!.problems;

/**
 * That nothing is left running on the host, once what was stopped has exited (bounded: 6 s): a
 * stopped stand-in leaves its last 0.1 s sleep, and the kernel a moment for the exit, after the report is in.
 */
const nothingLeftOn = (host: string) => expect.poll(() => rig.processes(host), { timeout: 6000, interval: 100 }).toEqual([]);

describe('up over ssh', () => {
    test('2 hosts: each host records exactly its plan, which is what its drbdadm -d up prints', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1', 'hw2'], 'r0');
        expect(plans.map((p) => p.exitCode)).toEqual([0, 0]);
        const { pre, run } = await upAll(plans);
        expect(pre.hosts.map((h) => [h.host, h.ok, h.nodename, h.drift])).toEqual([
            ['hw1', true, 'hw1', []],
            ['hw2', true, 'hw2', []],
        ]);
        expect(run!.ok).toBe(true);
        for (const p of plans) {
            expect(rig.calls(p.host)).toEqual(p.steps.map((s) => s.argv));
            expect(p.steps.length).toBe(7);
        }
        expect(rig.calls('hw3')).toEqual([]);
        expect(run!.hosts.every((h) => h.steps.every((s) => s.status === 'ok' && s.exitCode === 0))).toBe(true);
    });

    test('the parsed dry run is what the real drbdadm up executes (its drbdsetup calls, recorded)', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1'], 'r0');
        expect(plans[0].steps[2].argv).toContain('--shared-secret=a b"c#e');
        await withSession({}, (s) => s.exec('hw1', ['drbdadm', 'up', 'r0'], { timeoutMs: 10_000 }));
        expect(rig.calls('hw1')).toEqual(plans[0].steps.map((s) => s.argv));
    });

    test('3 hosts in a mesh, two volumes (one external meta-data)', async () => {
        const plans = plansFor('r3.res', r3(), ['hw1', 'hw2', 'hw3'], 'r3');
        const events: RunEvent[] = [];
        const { pre, run } = await upAll(plans, {}, { onEvent: (e) => events.push(e) });
        expect(pre.ok).toBe(true);
        expect(run!.ok).toBe(true);
        for (const p of plans) {
            expect(rig.calls(p.host)).toEqual(p.steps.map((s) => s.argv));
            expect(events.filter((e) => e.host === p.host && e.kind === 'step-end').length).toBe(p.steps.length);
        }
    });

    test('one host refuses the connection: reported, nothing runs anywhere', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1', 'hw2'], 'r0');
        const { pre, run } = await upAll(plans, { hosts: { hw2: rig.aliases.refused } });
        expect(run).toBeUndefined();
        expect(problems(pre, 'hw1')).toEqual([]);
        expect(problems(pre, 'hw2')).toMatchObject([{ check: 'connect', sshFailure: 'refused', detail: expect.stringContaining('Connection refused') }]);
        expect(rig.calls('hw1')).toEqual([]);
    });

    test('unknown and changed host keys fail and are never accepted', async () => {
        const knownHosts = readFileSync(join(rig.dir, 'client', 'known_hosts'), 'utf8');
        const plans = plansFor('r0.res', r0(), ['hw1', 'hw2'], 'r0');
        const { pre } = await upAll(plans, { hosts: { hw1: rig.aliases.unknownKey, hw2: rig.aliases.changedKey } });
        expect(problems(pre, 'hw1')).toMatchObject([{ check: 'connect', sshFailure: 'unknown-host-key' }]);
        expect(problems(pre, 'hw2')).toMatchObject([{ check: 'connect', sshFailure: 'changed-host-key', detail: expect.stringContaining('REMOTE HOST IDENTIFICATION HAS CHANGED') }]);
        expect(readFileSync(join(rig.dir, 'client', 'known_hosts'), 'utf8')).toBe(knownHosts);
        expect(rig.calls('hw1')).toEqual([]);
        // Even if the caller asks for it, the host-key check stays on (ssh keeps the first -o value).
        const again = await upAll(plans, { hosts: { hw1: rig.aliases.unknownKey }, extraArgs: ['-o', 'StrictHostKeyChecking=no'] });
        expect(problems(again.pre, 'hw1')).toMatchObject([{ sshFailure: 'unknown-host-key' }]);
    });

    test('extra ssh arguments cannot force a tty (drbdadm -d behaves differently with one)', async () => {
        const r = await withSession({ extraArgs: ['-tt', '-o', 'RequestTTY=force'] }, (s) => s.exec('hw1', ['tty'], { timeoutMs: 10_000 }));
        expect(r.stdout.trim()).toBe('not a tty');
    });

    test('a key the host does not accept: authentication failure', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1'], 'r0');
        const { pre } = await upAll(plans, { hosts: { hw1: rig.aliases.badAuth } });
        expect(problems(pre, 'hw1')).toMatchObject([{ check: 'connect', sshFailure: 'auth-failed', detail: expect.stringContaining('Permission denied') }]);
    });

    test('an injected drbdsetup connect failure: which step failed where, what ran, what did not', async () => {
        const plans = plansFor('r3.res', r3(), ['hw1', 'hw2', 'hw3'], 'r3');
        rig.setFaults('hw2', { fail: ['10|drbdsetup connect r3 2|r3: Failure: (102) Local address(port) already in use.'] });
        const { run } = await upAll(plans);
        expect(run!.ok).toBe(false);
        const [h1, h2, h3] = run!.hosts;
        expect([h1.status, h2.status, h3.status]).toEqual(['ok', 'failed', 'ok']);
        const at = plans[1].steps.findIndex((s) => s.argv.join(' ') === 'drbdsetup connect r3 2');
        expect(at).toBeGreaterThan(0);
        expect(h2.stoppedAt).toBe(at);
        expect(h2.steps[at]).toMatchObject({ status: 'failed', exitCode: 10, stderr: 'r3: Failure: (102) Local address(port) already in use.\n' });
        expect(h2.steps[at].message).toContain('exited with 10: r3: Failure: (102)');
        expect(h2.steps.slice(0, at).every((s) => s.status === 'ok')).toBe(true);
        expect(h2.steps.slice(at + 1).every((s) => s.status === 'not-run')).toBe(true);
        expect(rig.calls('hw2')).toEqual(plans[1].steps.slice(0, at + 1).map((s) => s.argv));
        expect(rig.calls('hw1')).toEqual(plans[0].steps.map((s) => s.argv));
    });

    test('cancel in the middle stops the remote step; the report says what ran', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1', 'hw2'], 'r0');
        rig.setFaults('hw1', { delay: ['8|drbdsetup attach *'] });
        const abort = new AbortController();
        const onEvent = (e: RunEvent) => {
            if (e.kind === 'step-start' && e.host === 'hw1' && e.step.argv[1] === 'attach') setTimeout(() => abort.abort(), 200);
        };
        const { run } = await upAll(plans, {}, { signal: abort.signal, onEvent });
        const h1 = run!.hosts[0];
        const at = plans[0].steps.findIndex((s) => s.argv[1] === 'attach');
        expect(run!.cancelled).toBe(true);
        expect(h1).toMatchObject({ status: 'cancelled', stoppedAt: at });
        expect(h1.steps[at]).toMatchObject({ status: 'cancelled', exitCode: 143 });
        expect(h1.steps.slice(at + 1).map((s) => s.status)).toEqual(['not-run']);
        expect(rig.calls('hw1')).toEqual(plans[0].steps.slice(0, at + 1).map((s) => s.argv));
        // The stand-in for attach was stopped on the host: it never finished, nothing of it is left.
        expect(rig.finished('hw1').some((l) => l.includes('attach'))).toBe(false);
        await nothingLeftOn('hw1');
        // hw2 had no delay: whatever it ran is exactly what the report says ran.
        const h2 = run!.hosts[1];
        expect(rig.calls('hw2')).toEqual(h2.steps.filter((s) => s.status !== 'not-run').map((s) => s.step.argv));
    });

    test('a step over its time limit is stopped on the host and counts as failed', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1'], 'r0');
        rig.setFaults('hw1', { delay: ['8|drbdsetup new-peer *'] });
        const { run } = await upAll(plans, {}, { stepTimeoutMs: 400 });
        const h1 = run!.hosts[0];
        expect(h1.status).toBe('failed');
        expect(h1.steps[h1.stoppedAt!]).toMatchObject({ status: 'timed-out', exitCode: 143 });
        expect(h1.steps[h1.stoppedAt!].step.argv[1]).toBe('new-peer');
        await nothingLeftOn('hw1');
    });

    test('the connection drops during a step: the host stops the step, the report says its effect is unknown', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1'], 'r0');
        rig.setFaults('hw1', { delay: ['8|drbdsetup attach *'] });
        const run = await withSession({}, async (s) => {
            const dir = controlDir(s);
            const onEvent = (e: RunEvent) => {
                if (e.kind !== 'step-start' || e.step.argv[1] !== 'attach') return;
                // Kill this session's ControlMaster: the connection to hw1 is gone.
                for (const pid of sshProcesses(dir).filter((p) => p.cmd.includes('[mux]'))) process.kill(pid.pid, 'SIGKILL');
            };
            return runPlans(s, await preflight(s, 'up', plans), { onEvent });
        });
        const h1 = run.hosts[0];
        expect(h1.status).toBe('failed');
        expect(h1.steps[h1.stoppedAt!]).toMatchObject({ status: 'failed', exitCode: null });
        expect(h1.steps[h1.stoppedAt!].step.argv[1]).toBe('attach');
        expect(h1.steps[h1.stoppedAt!].message).toContain('ssh ended before the step did');
        // well before the 8 s step would end by itself
        await nothingLeftOn('hw1');
        expect(rig.finished('hw1').some((l) => l.includes('attach'))).toBe(false);
    });

    test('drift: a host whose /etc/drbd.conf differs is reported with a diff before anything runs', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1', 'hw2'], 'r0');
        rig.install('hw2', 'r0.res', r0(7799));
        const { pre, run } = await upAll(plans);
        expect(run).toBeUndefined();
        expect(problems(pre, 'hw1')).toEqual([]);
        const hw2 = pre.hosts[1];
        expect(hw2.problems.map((p) => p.check)).toEqual(['drift']);
        expect(hw2.drift.filter((l) => !l.startsWith(' '))).toEqual([
            `- drbdsetup new-path r0 0 ipv4:${addr('hw2')}:7788 ipv4:${addr('hw1')}:7788`,
            `+ drbdsetup new-path r0 0 ipv4:${addr('hw2')}:7799 ipv4:${addr('hw1')}:7799`,
        ]);
        // The diff says what its - and + are before its first line.
        expect(hw2.problems[0].detail?.split('\n')).toEqual([driftLegend('hw2'), ...hw2.drift]);
        expect(driftLegend('hw2')).toBe("(- the local configuration's plan, + what drbdadm on hw2 would run from its own /etc/drbd.conf)");
        expect(rig.calls('hw1')).toEqual([]);
        expect(rig.calls('hw2')).toEqual([]);
    });

    test('a destination that is another host: its hostname does not match the on name', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1'], 'r0');
        const { pre } = await upAll(plans, { hosts: { hw1: 'hw2' } });
        expect(pre.hosts[0].nodename).toBe('hw2');
        expect(pre.hosts[0].problems.map((p) => p.check)).toEqual(['hostname', 'drift']);
    });
});

describe('the preflight plans each host as its own drbdadm release', () => {
    test('re-plans each host as the drbdadm --version it has; that plan is checked and is the one to run', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1', 'hw2'], 'r0');
        const asked: [string, string][] = [];
        const replanned = plans.map((p) => ({ ...p, steps: [...p.steps] }));
        const pre = await withSession({}, (s) =>
            preflight(s, 'up', plans, {
                replan: (host, drbdadmVersion) => (asked.push([host, drbdadmVersion]), { plan: replanned.find((p) => p.host === host)!, release: { release: drbdadmVersion } }),
            }),
        );
        expect(asked.sort()).toEqual([['hw1', '9.22.0'], ['hw2', '9.22.0']]);
        expect(pre.hosts.map((h) => [h.host, h.drbdadmVersion, h.release])).toEqual([['hw1', '9.22.0', { release: '9.22.0' }], ['hw2', '9.22.0', { release: '9.22.0' }]]);
        expect(pre.ok).toBe(true);
        expect(pre.plans).toEqual(replanned);
        expect(pre.plans[0]).toBe(replanned[0]);
    });

    test('a re-plan that fails or refuses is a plan problem; nothing runs', async () => {
        const plans = plansFor('r0.res', r0(), ['hw1', 'hw2'], 'r0');
        const pre = await withSession({}, (s) =>
            preflight(s, 'up', plans, {
                replan: (host) => {
                    if (host === 'hw1') throw new Error('the server is gone');
                    return { plan: { host, steps: [], exitCode: 10, stderr: 'refused as this release\n' }, release: { release: '9.22.0' } };
                },
            }),
        );
        expect(problems(pre, 'hw1')).toEqual([{ check: 'plan', message: 'could not plan hw1 as drbdadm 9.22.0: the server is gone' }]);
        expect(problems(pre, 'hw2')).toEqual([{ check: 'plan', message: 'drbdadm would refuse on hw2 (exit 10)', detail: 'refused as this release\n' }]);
        expect(pre.ok).toBe(false);
        await expect(withSession({}, (s) => runPlans(s, pre))).rejects.toThrow(/preflight found problems/);
        expect(rig.calls('hw1')).toEqual([]);
    });
});

describe('names never reach a shell or ssh option parsing', () => {
    test('a resource name full of shell syntax is passed as one word', async () => {
        // No '/' in it: drbdadm would read RES/VOL. The remote shell's cwd is the host's home.
        const name = `r0;touch PWNED;$(touch PWNED)'"\`touch PWNED\`>PWNED`;
        const markers = [join(process.cwd(), 'PWNED'), ...['hw1', 'hw2'].map((h) => join(rig.hosts[h].dir, 'home', 'PWNED'))];
        const quoted = name.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
        const text = r0().replace('resource r0', `resource "${quoted}"`);
        for (const h of ['hw1', 'hw2']) rig.install(h, 'r0.res', text);
        const plans = plansFor('meta.res', text, ['hw1', 'hw2'], name);
        expect(plans[0].exitCode).toBe(0);
        expect(plans[0].steps[0].argv).toEqual(['drbdsetup', 'new-resource', name, '0']);
        const { pre, run } = await upAll(plans);
        expect(pre.ok).toBe(true);
        expect(run!.ok).toBe(true);
        expect(rig.calls('hw1')).toEqual(plans[0].steps.map((s) => s.argv));
        expect(markers.filter((m) => existsSync(m))).toEqual([]);
    });

    test('names with a leading "-" or control characters are refused before any ssh runs', async () => {
        const plan = (host: string, resource: string): HostPlan => ({
            host,
            exitCode: 0,
            stderr: '',
            steps: [{ host, resource, stage: 'create res', argv: ['drbdsetup', 'new-resource', resource, '0'] }],
        });
        const marker = join(rig.dir, 'PWNED');
        const cases: [HostPlan[], Record<string, string>][] = [
            [[plan(`-oProxyCommand=touch ${marker}`, 'r0')], {}],
            [[plan('hw1', '-r0')], {}],
            [[plan('hw1', 'r0\nx')], {}],
            [[plan('hw1', 'r0')], { hw1: `-oProxyCommand=touch ${marker}` }],
            [[plan('', 'r0')], {}],
        ];
        for (const [plans, hosts] of cases) {
            // A missing ssh binary: had anything been started, the preflight would report it.
            const { pre } = await upAll(plans, { hosts, sshPath: join(rig.dir, 'no-such-ssh') });
            expect(pre.ok).toBe(false);
            expect(pre.hosts).toEqual([]);
            expect(pre.namingProblems.length).toBeGreaterThan(0);
        }
        expect(existsSync(marker)).toBe(false);
    });

    test('a destination with shell syntax is refused by ssh itself (it follows "--")', async () => {
        const marker = join(rig.dir, 'PWNED');
        const plans = plansFor('r0.res', r0(), ['hw1'], 'r0');
        const { pre } = await upAll(plans, { hosts: { hw1: `hw1;touch ${marker}` } });
        expect(pre.hosts[0].problems[0]).toMatchObject({ check: 'connect' });
        expect(existsSync(marker)).toBe(false);
    });
});

test('closing the session ends its ControlMasters and removes their sockets', async () => {
    const plans = plansFor('r0.res', r0(), ['hw1', 'hw2'], 'r0');
    const session = await SshSession.open({ configFile: rig.sshConfig });
    const pre = await preflight(session, 'up', plans);
    expect(pre.ok).toBe(true);
    const dir = controlDir(session);
    expect(existsSync(dir)).toBe(true);
    expect(sshProcesses(dir).length).toBe(2);
    await session.close();
    expect(existsSync(dir)).toBe(false);
    // A master exits right after answering "-O exit"; allow it a moment.
    for (let t = 0; t < 20 && sshProcesses(dir).length > 0; t++) await new Promise((r) => setTimeout(r, 50));
    expect(sshProcesses(dir)).toEqual([]);
});

describe("the user's own connection sharing", () => {
    const connections = (h: string) => rig.logins(h).connections;
    /** The connections each host accepted during `f`. */
    async function newConnections(hosts: string[], f: () => Promise<unknown>): Promise<Record<string, number>> {
        const before = hosts.map(connections);
        await f();
        return Object.fromEntries(hosts.map((h, i) => [h, connections(h) - before[i]]));
    }

    test('a run reuses or starts the master their config shares, uses one they keep open, and leaves them as they are', async () => {
        // hw1, hw2: ControlMaster auto with ControlPersist (ssh starts a master that stays); hw3: a
        // ControlPath only, for masters the user starts by hand.
        const userConfig = join(rig.dir, 'user_ssh_config');
        const userPath = join(rig.dir, 'user-cm-%C');
        writeFileSync(userConfig, `Host hw1 hw2\n  ControlMaster auto\n  ControlPersist 60\nHost hw1 hw2 hw3\n  ControlPath ${userPath}\nInclude ${rig.sshConfig}\n`);
        const ssh = (...args: string[]) => spawnSync('ssh', ['-F', userConfig, '-o', 'BatchMode=yes', '-T', ...args], { encoding: 'utf8', timeout: 10_000 });
        const running = (h: string) => ssh('-O', 'check', h).status === 0;
        const hosts = ['hw1', 'hw2', 'hw3'];
        const up = async () => {
            const { pre, run } = await upAll(plansFor('r3.res', r3(), hosts, 'r3'), { configFile: userConfig });
            expect(pre.ok).toBe(true);
            expect(run?.ok).toBe(true);
        };
        try {
            // As a terminal left them: a master to hw1, and one to hw3 started by hand.
            expect(ssh('hw1', 'true').status).toBe(0);
            expect(ssh('-o', 'ControlMaster=auto', '-o', 'ControlPersist=60', 'hw3', 'true').status).toBe(0);
            expect(await newConnections(hosts, up)).toEqual({ hw1: 0, hw2: 1, hw3: 0 });
            // hw2's master, started as their config says, stays like theirs.
            expect(hosts.map(running)).toEqual([true, true, true]);
            ssh('-O', 'exit', 'hw3');
            rig.reset();
            // Without hw3's master a private connection, ended with the run; none is started at their path.
            expect(await newConnections(hosts, up)).toEqual({ hw1: 0, hw2: 0, hw3: 1 });
            expect(hosts.map(running)).toEqual([true, true, false]);
        } finally {
            for (const h of hosts) ssh('-O', 'exit', h);
        }
    });

    test('an ssh config ssh cannot read is reported as ssh says, nothing runs', async () => {
        const broken = join(rig.dir, 'broken_ssh_config');
        writeFileSync(broken, `Include ${rig.sshConfig}\nNoSuchOption yes\n`);
        const { pre, run } = await upAll(plansFor('r0.res', r0(), ['hw1'], 'r0'), { configFile: broken });
        expect(run).toBeUndefined();
        expect(problems(pre, 'hw1')[0]).toMatchObject({ check: 'connect', detail: expect.stringContaining('Bad configuration option: nosuchoption') });
    });
});

function controlDir(session: SshSession): string {
    return session.sshArgs('hw1', ['true']).find((a) => a.startsWith('ControlPath='))!.slice('ControlPath='.length, -'/%C'.length);
}

/** Processes of this machine whose command line names the control directory (the ControlMasters). */
function sshProcesses(dir: string): { pid: number; cmd: string }[] {
    const found = [];
    for (const p of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
            const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
            if (cmd.includes(dir)) found.push({ pid: Number(p), cmd });
        } catch {
            /* gone */
        }
    }
    return found;
}

test('the loopback variant of the harness (used where network namespaces are not available)', async () => {
    const lo = await startRig(['hw1', 'hw2'], { mode: 'loopback' });
    try {
        expect(lo.mode).toBe('loopback');
        expect(lo.hosts.hw1.address).toMatch(/^127\./);
        const text = r0().replaceAll(addr('hw1'), lo.hosts.hw1.address).replaceAll(addr('hw2'), lo.hosts.hw2.address);
        for (const h of ['hw1', 'hw2']) lo.install(h, 'r0.res', text);
        const plans = plansFor('lo.res', text, ['hw1', 'hw2'], 'r0');
        const session = await SshSession.open({ configFile: lo.sshConfig });
        try {
            const run = await runPlans(session, await preflight(session, 'up', plans));
            expect(run.ok).toBe(true);
        } finally {
            await session.close();
        }
        for (const p of plans) expect(lo.calls(p.host)).toEqual(p.steps.map((s) => s.argv));
    } finally {
        await lo.stop();
    }
}, 20_000);
