/** The Up/Down flow's decisions, with recording ports (no VS Code, no ssh). */
import { expect, test } from 'vitest';
import { runUpFlow } from '../../client/src/up-flow.js';
import { fakePorts, scriptedRemote, type Recorded } from './flow-ports.js';
import { planResult, SECRET, TWO_HOSTS } from './plan-fixture.js';

const target = { uri: 'file:///etc/drbd.d/r.res', resource: 'r0' };
const plan = planResult(TWO_HOSTS, 'r0');
const everything = (rec: Recorded) => JSON.stringify([rec.logs, rec.notices, rec.confirms, rec.progress]);

test('untrusted workspace: refused before anything, not even a plan request', async () => {
    const { ports, rec } = fakePorts({ plan: () => Promise.reject(new Error('must not be asked')), trusted: false });
    expect(await runUpFlow('up', target, ports)).toBe('untrusted');
    expect(rec.notices).toEqual([{ severity: 'error', text: expect.stringMatching(/untrusted workspace/), actions: [] }]);
    expect(rec.opened).toBe(0);
    expect(rec.previews).toEqual([]);
});

test('configuration errors: preview and error, no host is contacted', async () => {
    const broken = planResult(TWO_HOSTS.replace('meta-disk internal;', 'meta-disk internal; bogus 1;'), 'r0');
    const { ports, rec } = fakePorts({ plan: broken });
    expect(await runUpFlow('up', target, ports)).toBe('config-errors');
    expect(rec.opened).toBe(0);
    expect(rec.previews).toHaveLength(1);
    expect(rec.notices[0]).toMatchObject({ severity: 'error', text: 'DRBD: Up r0: the configuration has errors; nothing was run.', actions: ['Show plan'] });
});

test('a failed preflight: results in the preview and the log, no question, nothing run', async () => {
    const { ports, rec } = fakePorts({ plan, remote: scriptedRemote((h) => h !== 'hw2'), answer: true });
    expect(await runUpFlow('up', target, ports)).toBe('preflight-failed');
    expect(rec.previews.map((p) => p.preflight.kind)).toEqual(['running', 'done']);
    expect(rec.confirms).toEqual([]);
    expect(rec.notices).toEqual([{ severity: 'error', text: 'DRBD: Up r0: preflight failed on hw2; nothing was run.', actions: ['Show plan', 'Show output'] }]);
    expect(rec.logs.map((l) => l.text)).toContain("    hostname: hw2 calls itself 'other'");
    expect(rec.closed).toBe(1);
});

test('not confirmed: nothing run, the connections are closed', async () => {
    const { ports, rec } = fakePorts({ plan, remote: scriptedRemote(() => true), answer: false });
    expect(await runUpFlow('up', target, ports)).toBe('not-confirmed');
    expect(rec.confirms.map((c) => [c.title, c.button])).toEqual([['DRBD: Up r0 on hw1, hw2?', 'Up']]);
    expect(rec.progress.filter((p) => !p.startsWith(' '))).toEqual(['DRBD: Up r0: preflight of hw1, hw2']);
    expect(rec.closed).toBe(1);
});

test('confirmed: run under progress, summary with "Show output"; the secret appears nowhere', async () => {
    const { ports, rec } = fakePorts({ plan, remote: scriptedRemote(() => true), answer: true, warnings: ['drbd.hosts from the workspace settings is ignored'] });
    expect(await runUpFlow('up', target, ports)).toBe('ok');
    expect(rec.progress.filter((p) => !p.startsWith(' '))).toEqual(['DRBD: Up r0: preflight of hw1, hw2', 'DRBD: Up r0 on hw1, hw2']);
    expect(rec.notices).toEqual([{ severity: 'info', text: 'DRBD: Up r0: hw1 ok (7 of 7 commands ran); hw2 ok (7 of 7 commands ran)', actions: ['Show output'] }]);
    expect(rec.logs[0]).toEqual({ level: 'warn', text: 'drbd.hosts from the workspace settings is ignored' });
    expect(everything(rec)).not.toContain(SECRET);
});

test('destinations from drbd.hosts name the hosts in the preview and the question', async () => {
    const down = planResult(TWO_HOSTS, 'r0', 'down');
    const { ports, rec } = fakePorts({ plan: down, remote: scriptedRemote(() => true), hosts: { hw2: 'root@hw2.example' } });
    expect(await runUpFlow('down', target, ports)).toBe('not-confirmed');
    expect(rec.previews[0].destination('hw2')).toBe('root@hw2.example');
    expect(rec.confirms[0].title).toBe('DRBD: Down r0 on hw1, hw2?');
    expect(rec.confirms[0].detail).toContain('hw2 (root@hw2.example): 1 command as drbd-utils 9.22.0\n  1. drbdsetup down r0');
});

test('an exception becomes one masked error with "Show output"', async () => {
    const { ports, rec } = fakePorts({ plan: () => Promise.reject(new Error(`server: bad line shared-secret "${SECRET}";`)) });
    expect(await runUpFlow('up', target, ports)).toBe('error');
    expect(rec.notices).toEqual([{ severity: 'error', text: 'DRBD: Up r0: server: bad line shared-secret "********";', actions: ['Show output'] }]);
    expect(everything(rec)).not.toContain(SECRET);
});
