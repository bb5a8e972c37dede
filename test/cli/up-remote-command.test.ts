/** `drbdconf up|down RES|all` over ssh (server/src/cli/up-remote-command.ts): our planner, real ssh, simulated hosts. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeEach, expect, test } from 'vitest';
import { openConfig } from '../../server/src/cli/config-input.js';
import { remoteCommand } from '../../server/src/cli/up-remote-command.js';
import { localPlan } from '../harness/local-plan.js';
import { useRig } from '../harness/use-rig.js';
import { DEFAULT_RELEASE } from '../../server/src/drbd/release.js';

const SECRET = 'sw0rdf1sh "x y"';
const rig = useRig(['hw1', 'hw2', 'hw3']);

const addr = (h: string) => rig().hosts[h].address;
const config = () => `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  net { shared-secret "${SECRET.replaceAll('"', '\\"')}"; cram-hmac-alg sha1; }
  on hw1 { address ${addr('hw1')}:7788; node-id 0; }
  on hw2 { address ${addr('hw2')}:7788; node-id 1; }
}
resource r3 {
  device minor 3; disk /dev/sdc1; meta-disk internal;
  on hw1 { address ${addr('hw1')}:7790; node-id 0; }
  on hw2 { address ${addr('hw2')}:7790; node-id 1; }
  on hw3 { address ${addr('hw3')}:7790; node-id 2; }
  connection-mesh { hosts hw1 hw2 hw3; }
}
`;

let file: string;
beforeEach(() => {
    rig().reset();
    for (const h of ['hw1', 'hw2', 'hw3']) rig().install(h, 'test.res', config());
    file = join(rig().dir, 'test.res');
    writeFileSync(file, config());
});

function collect() {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    return { stream, text: () => text };
}

async function cli(verb: 'up' | 'down', selection: string[] | 'all', signal?: AbortSignal) {
    const out = collect();
    const err = collect();
    const code = await remoteCommand(verb, openConfig(file, rig().dir), selection, { sshConfig: rig().sshConfig, yes: true, release: DEFAULT_RELEASE, out: out.stream, err: err.stream, signal });
    return { code, out: out.text(), err: err.text() };
}

test('up r0 on 2 hosts: each host records what its drbdadm -d up prints; secrets never printed', async () => {
    const { code, out } = await cli('up', ['r0']);
    expect(code).toBe(0);
    for (const h of ['hw1', 'hw2']) expect(rig().calls(h)).toEqual(localPlan(h, file, ['r0']).steps.map((s) => s.argv));
    expect(rig().calls('hw1').flat().some((w) => w === `--shared-secret=${SECRET}`)).toBe(true);
    expect(rig().calls('hw3')).toEqual([]);
    expect(out).toMatch(/^ {2}hw2: ok — 7 of 7 commands ran$/m);
    expect(out).toContain('--shared-secret=********');
    expect(out).not.toContain('sw0rdf1sh');
});

test('up all on 3 hosts: every host runs its own plan of every resource it takes part in', async () => {
    const { code } = await cli('up', 'all');
    expect(code).toBe(0);
    for (const h of ['hw1', 'hw2', 'hw3']) expect(rig().calls(h)).toEqual(localPlan(h, file, ['all']).steps.map((s) => s.argv));
    expect(rig().calls('hw3').flat()).not.toContain('r0');
});

test('down r3 on its 3 hosts', async () => {
    const { code } = await cli('down', ['r3']);
    expect(code).toBe(0);
    for (const h of ['hw1', 'hw2', 'hw3']) expect(rig().calls(h)).toEqual([['drbdsetup', 'down', 'r3']]);
});

test('an unknown resource is refused before any ssh runs; exit 10', async () => {
    const { code, err } = await cli('up', ['r0', 'nope']);
    expect(code).toBe(10);
    expect(err).toBe("'nope' not defined in your config.\n");
    for (const h of ['hw1', 'hw2', 'hw3']) expect(rig().calls(h)).toEqual([]);
});

test('a configuration with errors runs nothing; the message is masked', async () => {
    writeFileSync(file, config().replace('cram-hmac-alg sha1;', 'cram-hmac-alg sha1; bogus-option 1;'));
    const { code, err } = await cli('up', ['r0']);
    expect(code).toBe(10);
    expect(err).toMatch(/test\.res:3: /);
    expect(err).not.toContain('sw0rdf1sh');
    expect(rig().calls('hw1')).toEqual([]);
});

test('cancel in the middle: the slow step is stopped on the host, later steps do not run; exit 130', async () => {
    rig().setFaults('hw2', { delay: ['20|drbdsetup attach *'] });
    const abort = new AbortController();
    const started = Date.now();
    const waitForAttach = (async () => {
        while (!rig().calls('hw2').some((c) => c[1] === 'attach') && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
        abort.abort();
    })();
    const { code, out } = await cli('up', ['r0'], abort.signal);
    await waitForAttach;
    expect(code).toBe(130);
    expect(rig().calls('hw2').map((c) => c[1])).not.toContain('connect');
    expect(out).toMatch(/hw2: CANCELLED during 6\/7 `drbdsetup attach/);
    expect(rig().processes('hw2').filter((p) => /drbdsetup|sleep/.test(p.cmd))).toEqual([]);
});

test('bin/drbdconf: Ctrl-C (SIGINT) cancels like the abort signal; exit 130', async () => {
    rig().setFaults('hw2', { delay: ['20|drbdsetup attach *'] });
    const child = spawn('bin/drbdconf', ['up', '-c', file, '--ssh-config', rig().sshConfig, '--yes', 'r0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const started = Date.now();
    while (!rig().calls('hw2').some((c) => c[1] === 'attach') && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    expect(code).toBe(130);
    expect(out).toMatch(/hw2: CANCELLED during 6\/7 `drbdsetup attach/);
    expect(rig().calls('hw2').map((c) => c[1])).not.toContain('connect');
    expect(out).not.toContain('sw0rdf1sh');
});
