/**
 * Apply (common/src/remote/apply/) against simulated hosts behind real sshd (test/harness): real
 * ssh, sshd and drbdadm; drbdsetup/drbdmeta are the recording stand-in, answering `drbdsetup
 * show/status` from the host's kernel state (rig.setKernel).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, expect, test } from 'vitest';
import { PassThrough } from 'node:stream';
import { applyCommand } from '../../server/src/cli/apply-command.js';
import { applyPlan } from '../../common/src/remote/apply/plan.js';
import { openConfig } from '../../server/src/cli/config-input.js';
import type { ReleaseVersion } from '../../server/src/drbd/release.js';
import { applyConfig, type ApplyOptions, type ApplyReport } from '../../common/src/remote/apply/apply.js';
import { summaryLines } from '../../common/src/remote/apply/report.js';
import { SshSession, type SshSettings } from '../../common/src/remote/ssh.js';
import { parseDryRun } from '../../common/src/remote/dry-run.js';
import { r0Text, runningR0 } from '../harness/apply-fixture.js';
import { drbdadmAsSync, INSTALLED_RELEASE } from '../oracle.js';
import { useRig } from '../harness/use-rig.js';

const HOSTS = ['hw1', 'hw2', 'hw3'];
const rig = useRig(HOSTS);
const addr = (h: string) => rig().hosts[h].address;
const etc = (h: string, rel: string) => join(rig().hosts[h].dir, 'etc', rel);
const MAIN = 'include "drbd.d/global_common.conf";\ninclude "drbd.d/*.res";\n';

let n = 0;
/** A local configuration directory: drbd.conf (MAIN unless given), the hosts' global_common.conf, and `files`. */
function local(files: Record<string, string>): string {
    const dir = join(rig().dir, `local-${++n}`);
    const all = { 'drbd.conf': MAIN, 'drbd.d/global_common.conf': readFileSync(etc('hw1', 'drbd.d/global_common.conf'), 'utf8'), ...files };
    for (const [rel, text] of Object.entries(all)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
    }
    return join(dir, 'drbd.conf');
}

const r0 = (hosts: string[], net = '') => r0Text(addr, hosts, net);
/** The kernel state of r0 running on `host` among `hosts` (node-ids as r0() gives them). */
const running = (host: string, hosts: string[], net?: string[]) => runningR0(addr, host, hosts, net);

beforeEach(async () => {
    rig().reset();
    for (const h of HOSTS) {
        await rig().inHost(h, ['sh', '-c', 'printf %s "$1" > /etc/drbd.conf; rm -f /etc/drbd.conf.drbdconf-*', 'sh', MAIN]);
        for (const f of readdirSync(etc(h, 'drbd.d'))) if (f !== 'global_common.conf') rmSync(join(etc(h, 'drbd.d'), f));
    }
});

async function apply(main: string, selection: string[] | 'all', o: { settings?: Partial<SshSettings>; release?: ReleaseVersion; opts?: Partial<ApplyOptions> } = {}): Promise<ApplyReport> {
    const input = openConfig(main, '/');
    const plan = applyPlan(input.mainFile, input.source, selection, o.release ?? '9.22.0');
    if ('message' in plan) throw new Error(plan.message);
    const session = await SshSession.open({ configFile: rig().sshConfig, connectTimeoutSec: 3, ...o.settings });
    try {
        return await applyConfig(session, plan.files, plan.targets, { confirm: async () => true, ...o.opts });
    } finally {
        await session.close();
    }
}

/** The commands the host ran other than the reads (`drbdsetup show` by adjust, `status`). */
const changes = (h: string) => rig().calls(h).filter((c) => !(c[0] === 'drbdsetup' && ['show', 'status'].includes(c[1])));
const pre = (r: ApplyReport, h: string) => r.preflight.find((p) => p.host === h)!;
/** Backups of `rel` on the host (regular files: a file removed through the rig's /etc overlay leaves a whiteout in HD/etc). */
const backups = (h: string, rel: string) =>
    readdirSync(dirname(etc(h, rel))).filter((f) => f.startsWith(`${rel.split('/').pop()}.drbdconf-backup-`) && statSync(join(dirname(etc(h, rel)), f)).isFile());

/** What the real drbdadm here runs for `host` on the local configuration against kernel state `show` (drbdadm's FAKE_DRBDSETUP_SHOW). */
function oracle(host: string, main: string, show: string): string[][] {
    const file = join(dirname(main), `show-${host}`);
    writeFileSync(file, show);
    const res = drbdadmAsSync(host, ['-c', main, '-d', 'adjust', 'r0'], 10_000, { ...INSTALLED_RELEASE, env: { ...INSTALLED_RELEASE.env, FAKE_DRBDSETUP_SHOW: file } });
    expect(res.rc, res.err).toBe(0);
    return parseDryRun(res.out);
}

function expectNoTempDirs(r: ApplyReport): void {
    expect(r.leftovers).toEqual([]);
    for (const p of r.preflight) expect(p.tmp !== undefined && existsSync(p.tmp)).toBe(false);
}

test('two hosts: a new resource and a changed main file land byte-identical, with backups; adjust runs what each host previewed', async () => {
    const main = local({ 'drbd.conf': `# edited\n${MAIN}`, 'drbd.d/r0.res': r0(['hw1', 'hw2']) });
    const r = await apply(main, ['r0']);
    expect(r.ok).toBe(true);
    for (const h of ['hw1', 'hw2']) {
        expect(readFileSync(etc(h, 'drbd.conf'), 'utf8')).toBe(`# edited\n${MAIN}`);
        expect(readFileSync(etc(h, 'drbd.d/r0.res'), 'utf8')).toBe(r0(['hw1', 'hw2']));
        const b = backups(h, 'drbd.conf');
        expect(b).toHaveLength(1);
        expect(readFileSync(join(dirname(etc(h, 'drbd.conf')), b[0]), 'utf8')).toBe(MAIN);
        expect(backups(h, 'drbd.d/r0.res')).toEqual([]);
        expect(pre(r, h).files.map((f) => [f.file.remote, f.changed])).toEqual([['/etc/drbd.conf', true], ['/etc/drbd.d/global_common.conf', false], ['/etc/drbd.d/r0.res', true]]);
        // The host's own `drbdadm -d adjust` on the candidate: a new resource is brought up.
        expect(pre(r, h).adjust.map((a) => a.slice(0, 2))).toContainEqual(['drbdsetup', 'new-resource']);
        expect(changes(h)).toEqual(pre(r, h).adjust);
        expect(pre(r, h).adjust).toEqual(oracle(h, main, ''));
        expect(r.status.find((s) => s.host === h)!.text).toContain('r0: No such resource');
    }
    expect(changes('hw3')).toEqual([]);
    expectNoTempDirs(r);
}, 30_000);

test('changing an option of a running resource: adjust runs only the change, the old file is kept as backup', async () => {
    for (const h of ['hw1', 'hw2']) {
        rig().install(h, 'r0.res', r0(['hw1', 'hw2']));
        rig().setKernel(h, 'r0', running(h, ['hw1', 'hw2']));
    }
    const main = local({ 'drbd.d/r0.res': r0(['hw1', 'hw2'], 'max-buffers 8000; ') });
    const r = await apply(main, ['r0']);
    expect(r.ok).toBe(true);
    for (const h of ['hw1', 'hw2']) {
        expect(pre(r, h).adjust).toEqual(oracle(h, main, running(h, ['hw1', 'hw2']).show));
        expect(pre(r, h).adjust.map((a) => a[1])).toEqual(['net-options']);
        expect(changes(h)).toEqual(pre(r, h).adjust);
        expect(readFileSync(join(etc(h, 'drbd.d'), backups(h, 'drbd.d/r0.res')[0]), 'utf8')).toBe(r0(['hw1', 'hw2']));
        expect(r.status.find((s) => s.host === h)!.text).toBe('r0 role:Secondary\n  disk:UpToDate');
    }
    expectNoTempDirs(r);
}, 30_000);

test('a host that is not the `on` name it is reached as: nothing changes anywhere', async () => {
    const main = local({ 'drbd.d/r0.res': r0(['hw1', 'hw2']) });
    const r = await apply(main, ['r0'], { settings: { hosts: { hw2: 'hw3' } } });
    expect(r.ok).toBe(false);
    expect(r.phase).toBe('preflight');
    expect(pre(r, 'hw2').problems.map((p) => p.check)).toEqual(['hostname']);
    expect(pre(r, 'hw1').ok).toBe(true);
    for (const h of HOSTS) {
        expect(existsSync(etc(h, 'drbd.d/r0.res'))).toBe(false);
        expect(changes(h)).toEqual([]);
    }
    expectNoTempDirs(r);
}, 30_000);

test("a host whose drbdadm release does not know an option rejects the candidate: nothing changes anywhere", async () => {
    // load-balance-paths: since 9.26.0 (drbdsetup xml-help); the hosts run 9.22.0.
    const r = await apply(local({ 'drbd.d/r0.res': r0(['hw1', 'hw2'], 'load-balance-paths yes; ') }), ['r0'], { release: '9.34.0' });
    expect(r.phase).toBe('preflight');
    for (const h of ['hw1', 'hw2']) {
        expect(pre(r, h).problems.map((p) => p.check)).toContain('candidate');
        expect(pre(r, h).problems[0].detail).toMatch(/load-balance-paths/);
        expect(existsSync(etc(h, 'drbd.d/r0.res'))).toBe(false);
        expect(changes(h)).toEqual([]);
    }
    expectNoTempDirs(r);
}, 30_000);

test('an install that fails midway on one host (a read-only file there): every host is restored, nothing adjusted', async () => {
    for (const h of ['hw1', 'hw2']) rig().install(h, 'r0.res', r0(['hw1', 'hw2']));
    await rig().inHost('hw2', ['mount', '--bind', '-o', 'ro', '/etc/drbd.d/r0.res', '/etc/drbd.d/r0.res']);
    try {
        const r = await apply(local({ 'drbd.conf': `# edited\n${MAIN}`, 'drbd.d/r0.res': r0(['hw1', 'hw2'], 'max-buffers 8000; ') }), ['r0']);
        expect(r.phase).toBe('install');
        expect(r.install.find((c) => c.host === 'hw1')!.ok).toBe(true);
        const hw2 = r.install.find((c) => c.host === 'hw2')!;
        expect(hw2.ok).toBe(false);
        // The main file was already replaced there when the second file failed.
        expect(hw2.done).toEqual(['backup /etc/drbd.conf', 'installed /etc/drbd.conf', 'backup /etc/drbd.d/r0.res']);
        expect(r.restore!.every((c) => c.ok)).toBe(true);
        for (const h of ['hw1', 'hw2']) {
            expect(readFileSync(etc(h, 'drbd.conf'), 'utf8')).toBe(MAIN);
            expect(readFileSync(etc(h, 'drbd.d/r0.res'), 'utf8')).toBe(r0(['hw1', 'hw2']));
            expect([...backups(h, 'drbd.conf'), ...backups(h, 'drbd.d/r0.res')]).toEqual([]);
            expect(readdirSync(etc(h, 'drbd.d')).filter((f) => f.includes('drbdconf-new'))).toEqual([]);
            expect(changes(h)).toEqual([]);
        }
        expect(r.adjust).toBeUndefined();
        expectNoTempDirs(r);
    } finally {
        await rig().inHost('hw2', ['umount', '/etc/drbd.d/r0.res']);
    }
}, 30_000);

test('names and file contents with shell metacharacters reach drbdadm as they are, never a shell', async () => {
    // Run by a shell, these would make PWNED in the working directory (the host's home).
    const evil = "$(touch PWNED)'`touch PWNED`;\"&& touch PWNED #";
    const res = `r0 ${evil}`;
    const file = `drbd.d/x ${evil}.res`;
    const text = `# ${evil}\nresource "${res.replaceAll('"', '\\"')}" {\n  device minor 1; disk /dev/sdb1; meta-disk internal;\n  on hw1 { address ${addr('hw1')}:7788; node-id 0; }\n  on hw2 { address ${addr('hw2')}:7788; node-id 1; }\n}\n`;
    const r = await apply(local({ [file]: text }), [res]);
    expect(r.ok).toBe(true);
    for (const h of ['hw1', 'hw2']) {
        expect(readFileSync(etc(h, file), 'utf8')).toBe(text);
        expect(changes(h)).toEqual(pre(r, h).adjust);
        expect(changes(h)[0]).toEqual(['drbdsetup', 'new-resource', res, String(h === 'hw1' ? 0 : 1)]);
    }
    for (const h of HOSTS) expect(existsSync(join(rig().hosts[h].dir, 'home', 'PWNED'))).toBe(false);
    expectNoTempDirs(r);
}, 30_000);

test('three hosts: adding a third host to a running two-host resource', async () => {
    for (const h of ['hw1', 'hw2']) {
        rig().install(h, 'r0.res', r0(['hw1', 'hw2']));
        rig().setKernel(h, 'r0', running(h, ['hw1', 'hw2']));
    }
    const main = local({ 'drbd.d/r0.res': r0(HOSTS) });
    const r = await apply(main, ['r0']);
    expect(r.ok).toBe(true);
    for (const h of HOSTS) {
        expect(readFileSync(etc(h, 'drbd.d/r0.res'), 'utf8')).toBe(r0(HOSTS));
        expect(backups(h, 'drbd.d/r0.res')).toHaveLength(h === 'hw3' ? 0 : 1);
        expect(pre(r, h).adjust).toEqual(oracle(h, main, h === 'hw3' ? '' : running(h, ['hw1', 'hw2']).show));
        expect(changes(h)).toEqual(pre(r, h).adjust);
    }
    // The running hosts only connect the new peer; the new host brings the resource up.
    expect(pre(r, 'hw1').adjust.map((a) => a[1])).not.toContain('new-resource');
    expect(pre(r, 'hw1').adjust.map((a) => a[1])).toContain('new-peer');
    expect(pre(r, 'hw3').adjust.map((a) => a[1])).toContain('new-resource');
    expectNoTempDirs(r);
}, 30_000);

test('a host that cannot be reached: nothing changes anywhere', async () => {
    const r = await apply(local({ 'drbd.d/r0.res': r0(HOSTS) }), ['r0'], { settings: { hosts: { hw3: rig().aliases.refused } } });
    expect(r.phase).toBe('preflight');
    expect(pre(r, 'hw3').problems.map((p) => p.sshFailure)).toEqual(['refused']);
    expect(pre(r, 'hw3').tmp).toBeUndefined();
    for (const h of HOSTS) {
        expect(existsSync(etc(h, 'drbd.d/r0.res'))).toBe(false);
        expect(changes(h)).toEqual([]);
    }
    expectNoTempDirs(r);
}, 30_000);

test('cancel during adjust stops it on the host; the report says what ran, status is read, temp dirs go', async () => {
    rig().setFaults('hw1', { delay: ['20|drbdsetup new-minor *'] });
    const abort = new AbortController();
    const r = await apply(local({ 'drbd.d/r0.res': r0(['hw1', 'hw2']) }), ['r0'], {
        opts: {
            signal: abort.signal,
            onEvent: (e) => {
                if (e.kind === 'run' && e.event.kind === 'step-start' && e.event.host === 'hw1') setTimeout(() => abort.abort(), 500);
            },
        },
    });
    expect(r.cancelled).toBe(true);
    expect(r.ok).toBe(false);
    const hw1 = r.adjust!.hosts.find((h) => h.host === 'hw1')!;
    expect(hw1.status).toBe('cancelled');
    expect(hw1.steps[0].message).toMatch(/cancelled while running/);
    // What ran on hw1: the preview's commands up to the one that was stopped.
    const previewed = pre(r, 'hw1').adjust;
    const ran = changes('hw1');
    expect(ran.length).toBeLessThan(previewed.length);
    expect(ran).toEqual(previewed.slice(0, ran.length));
    expect(ran.at(-1)![1]).toBe('new-minor');
    expect(r.status.map((s) => s.host)).toEqual(['hw1', 'hw2']);
    expectNoTempDirs(r);
    for (let t = 0; t < 60 && rig().processes('hw1').length > 0; t++) await new Promise((res) => setTimeout(res, 100));
    expect(rig().processes('hw1')).toEqual([]);
}, 30_000);

test('drbdconf apply (CLI): preview with per-file diffs and the adjust commands, live output, summary with status', async () => {
    rig().install('hw1', 'r0.res', r0(['hw1', 'hw2']));
    const main = local({ 'drbd.d/r0.res': r0(['hw1', 'hw2'], 'max-buffers 8000; shared-secret "s3cr3t-value"; ') });
    const out = collect();
    const err = collect();
    const code = await applyCommand(openConfig(main, '/'), ['r0'], { sshConfig: rig().sshConfig, yes: true, release: '9.22.0', out: out.stream, err: err.stream, signal: new AbortController().signal });
    expect(err.text()).toBe('');
    expect(code).toBe(0);
    const text = out.text();
    expect(text).toMatch(/^ {4}\/etc\/drbd\.d\/r0\.res: changes$/m);
    expect(text).toMatch(/^ {6}- {3}net \{ protocol C; \}$/m);
    expect(text).toMatch(/^ {6}\+ {3}net \{ protocol C; max-buffers 8000; shared-secret "\*{8}"; \}$/m);
    expect(text).not.toContain('s3cr3t-value');
    expect(text).toMatch(/--shared-secret=\*{8}/);
    expect(text).toMatch(/^ {4}\/etc\/drbd\.d\/r0\.res: new file$/m);
    expect(text).toMatch(/^ {4}\/etc\/drbd\.conf: unchanged$/m);
    expect(text).toMatch(/^ {6}1\. drbdsetup new-resource r0 1$/m);
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} \[hw2\] \$ drbdadm -c \/etc\/drbd\.conf adjust r0$/m);
    expect(text).toMatch(/^ {2}hw1: files changed: \/etc\/drbd\.d\/r0\.res$/m);
    expect(text).toMatch(/^ {4}status \| r0: No such resource$/m);
});

test('drbdconf apply (CLI): no terminal and no --yes refuses; a configuration error goes no further', async () => {
    const out = collect();
    const err = collect();
    const o = { sshConfig: rig().sshConfig, yes: false, interactive: false, release: '9.22.0' as const, out: out.stream, err: err.stream };
    expect(await applyCommand(openConfig(local({ 'drbd.d/r0.res': r0(['hw1', 'hw2']) }), '/'), ['r0'], o)).toBe(2);
    expect(err.text()).toMatch(/refusing to change hosts without confirmation/);
    expect(await applyCommand(openConfig(local({ 'drbd.d/r0.res': 'resource r0 { nonsense; }\n' }), '/'), ['r0'], { ...o, yes: true })).not.toBe(0);
    for (const h of HOSTS) expect(rig().calls(h)).toEqual([]);
});

function collect() {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    return { stream, text: () => text };
}

test('the connection drops during the install on one host: the install there is stopped and every host restored', async () => {
    for (const h of ['hw1', 'hw2']) rig().install(h, 'r0.res', r0(['hw1', 'hw2']));
    // hw2's fsync takes a while: time to drop its connection in the middle of its install.
    const slow = join(rig().dir, 'slow-sync');
    writeFileSync(slow, '#!/bin/sh\nsleep 3\n', { mode: 0o755 });
    await rig().inHost('hw2', ['mount', '--bind', slow, '/usr/bin/sync']);
    try {
        const dropped = dropWhenBackedUp('hw2');
        const r = await apply(local({ 'drbd.conf': `# edited\n${MAIN}`, 'drbd.d/r0.res': r0(['hw1', 'hw2'], 'max-buffers 8000; ') }), ['r0']);
        expect(await dropped).toBeGreaterThan(0);
        expect(r.phase).toBe('install');
        expect(r.install.find((c) => c.host === 'hw1')!.ok).toBe(true);
        expect(r.install.find((c) => c.host === 'hw2')!.ok).toBe(false);
        expect(r.restore!.map((c) => [c.host, c.ok])).toEqual([['hw1', true], ['hw2', true]]);
        for (const h of ['hw1', 'hw2']) {
            expect(readFileSync(etc(h, 'drbd.conf'), 'utf8')).toBe(MAIN);
            expect(readFileSync(etc(h, 'drbd.d/r0.res'), 'utf8')).toBe(r0(['hw1', 'hw2']));
            expect([...backups(h, 'drbd.conf'), ...backups(h, 'drbd.d/r0.res')]).toEqual([]);
            expect(changes(h)).toEqual([]);
        }
        expect(r.adjust).toBeUndefined();
        expectNoTempDirs(r);
    } finally {
        // Lazily: the stopped install's last sleep may still hold it.
        await rig().inHost('hw2', ['umount', '-l', '/usr/bin/sync']);
    }
}, 40_000);

/** Once `host` has made its first backup, kills its sshd session processes (the connection drops); resolves how many. */
async function dropWhenBackedUp(host: string): Promise<number> {
    for (let t = 0; t < 200 && backups(host, 'drbd.conf').length === 0; t++) await new Promise((res) => setTimeout(res, 50));
    const listener = rig().hosts[host].pid;
    const sessions = readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
            try {
                return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(listener);
            } catch {
                return false;
            }
        });
    for (const p of sessions) process.kill(Number(p), 'SIGKILL');
    return sessions.length;
}

test('a host file an include matches that is not in the configuration stops the Apply: named in the preflight, nothing changes anywhere', async () => {
    // The host's drbdadm would read old.res beside the new r0.res once installed: adjust would not run what the preview showed.
    rig().install('hw2', 'old.res', '# left over\n');
    const main = local({ 'drbd.d/r0.res': r0(['hw1', 'hw2']) });
    const r = await apply(main, ['r0']);
    expect(r.phase).toBe('preflight');
    expect(pre(r, 'hw1').ok).toBe(true);
    expect(pre(r, 'hw2').problems.map((p) => [p.check, p.message])).toEqual([
        ['stray', 'on hw2: /etc/drbd.d/old.res is matched by include "drbd.d/*.res" of /etc/drbd.conf but is not in your configuration: drbdadm on hw2 would read it (remove it there, or add it to the configuration)'],
    ]);
    expect(summaryLines(r).join('\n')).toContain('stray: on hw2: /etc/drbd.d/old.res is matched by include "drbd.d/*.res"');
    for (const h of HOSTS) {
        expect(existsSync(etc(h, 'drbd.d/r0.res'))).toBe(false);
        expect(changes(h)).toEqual([]);
    }
    expect(readFileSync(etc('hw2', 'drbd.d/old.res'), 'utf8')).toBe('# left over\n');
    expectNoTempDirs(r);
    // With the file in the configuration, it goes through, and lands unchanged.
    const withIt = await apply(local({ 'drbd.d/r0.res': r0(['hw1', 'hw2']), 'drbd.d/old.res': '# left over\n' }), ['r0']);
    expect(withIt.ok).toBe(true);
    expect(pre(withIt, 'hw2').files.find((f) => f.file.remote === '/etc/drbd.d/old.res')!.changed).toBe(false);
    expect(pre(withIt, 'hw1').files.find((f) => f.file.remote === '/etc/drbd.d/old.res')!.changed).toBe(true);
}, 30_000);

test('through a ProxyJump host and a config given as --ssh-config would give it: one ssh connection and four sessions per host for the whole Apply', async () => {
    // hw1 reached as `via-hw3`, jumping through hw3; the user's file includes the rig's config.
    const config = join(rig().dir, `jump-${++n}.config`);
    writeFileSync(config, `Host via-hw3\n  HostName ${addr('hw1')}\n  Port ${rig().hosts.hw1.port}\n  ProxyJump hw3\n\nHost *\nInclude ${rig().sshConfig}\n`);
    const count = (h: string) => {
        const { connections, sessions } = rig().logins(h);
        return [connections, sessions];
    };
    const before = Object.fromEntries(HOSTS.map((h) => [h, count(h)]));
    const r = await apply(local({ 'drbd.d/r0.res': r0(['hw1', 'hw2']) }), ['r0'], { settings: { configFile: config, hosts: { hw1: 'via-hw3' } } });
    expect(r.ok, JSON.stringify(r.preflight.map((p) => p.problems))).toBe(true);
    expect(pre(r, 'hw1').destination).toBe('via-hw3');
    expect(pre(r, 'hw1').nodename).toBe('hw1');
    for (const h of ['hw1', 'hw2']) expect(readFileSync(etc(h, 'drbd.d/r0.res'), 'utf8')).toBe(r0(['hw1', 'hw2']));
    // [connections, sessions] per host (sshd logs both before the session runs): preflight, install,
    // adjust, status; hw3 only carries hw1's connection.
    expect(Object.fromEntries(HOSTS.map((h) => [h, count(h).map((c, i) => c - before[h][i])]))).toEqual({ hw1: [1, 4], hw2: [1, 4], hw3: [1, 0] });
    expectNoTempDirs(r);
}, 30_000);

test('cancel during the preflight (the host reading its kernel state for -d adjust): nothing changes anywhere, the temp dirs go', async () => {
    rig().setFaults('hw1', { delay: ['20|drbdsetup show*'] });
    const abort = new AbortController();
    // Once hw1's drbdadm -d adjust reads the kernel state, the candidates are uploaded there.
    const cancelled = (async () => {
        for (let t = 0; t < 300 && !rig().calls('hw1').some((c) => c[1] === 'show'); t++) await new Promise((res) => setTimeout(res, 50));
        abort.abort();
    })();
    const r = await apply(local({ 'drbd.d/r0.res': r0(['hw1', 'hw2']) }), ['r0'], { opts: { signal: abort.signal } });
    await cancelled;
    expect(r.cancelled).toBe(true);
    expect(r.phase).toBe('preflight');
    expect(pre(r, 'hw1').problems.map((p) => p.check)).toEqual(['cancelled']);
    for (const h of HOSTS) {
        expect(existsSync(etc(h, 'drbd.d/r0.res'))).toBe(false);
        expect(changes(h)).toEqual([]);
    }
    expect(pre(r, 'hw1').tmp).toBeDefined();
    expectNoTempDirs(r);
}, 40_000);

test('an absolute include that matches nothing here but a file on a host stops the Apply there too', async () => {
    expect(existsSync('/etc/drbd.d/x.cfg')).toBe(false);
    rig().install('hw1', 'x.cfg', '# only on hw1\n');
    const r = await apply(local({ 'drbd.conf': `${MAIN}include "/etc/drbd.d/*.cfg";\n`, 'drbd.d/r0.res': r0(['hw1', 'hw2']) }), ['r0']);
    expect(r.phase).toBe('preflight');
    expect(pre(r, 'hw1').problems.map((p) => p.message)).toEqual([
        'on hw1: /etc/drbd.d/x.cfg is matched by include "/etc/drbd.d/*.cfg" of /etc/drbd.conf but is not in your configuration: drbdadm on hw1 would read it (remove it there, or add it to the configuration)',
    ]);
    expect(pre(r, 'hw2').ok).toBe(true);
    for (const h of HOSTS) expect(changes(h)).toEqual([]);
    expectNoTempDirs(r);
}, 30_000);
