import { expect, test } from 'vitest';
import { RunProgress } from '../../client/src/run-progress.js';
import type { RunEvent } from '../../common/src/remote/run.js';
import type { PlanStep } from '../../server/src/drbd/up/plan.js';

const time = new Date();
const step = (host: string, argv: string[]): PlanStep => ({ host, resource: 'r0', stage: 'prepare disk', argv });
const start = (host: string, index: number, argv: string[]): RunEvent => ({ kind: 'step-start', time, host, index, step: step(host, argv) });
const end = (host: string, index: number, status: 'ok' | 'failed' = 'ok'): RunEvent =>
    ({ kind: 'step-end', time, host, index, step: step(host, []), status, exitCode: status === 'ok' ? 0 : 10, durationMs: 1 });
const skipped = (host: string, index: number): RunEvent => ({ kind: 'step-skipped', time, host, index, step: step(host, []), reason: 'not run' });

test('names the hosts still working with their step; a host that is through is never current', () => {
    const p = new RunProgress(new Map([['alpha', 3], ['beta', 2]]));
    const after = (e: RunEvent) => (p.take(e), p.text());
    expect(after(start('beta', 0, ['drbdsetup', 'new-resource', 'r0']))).toBe('alpha: starting; beta: 1/2 drbdsetup new-resource');
    expect(after(start('alpha', 0, ['drbdsetup', 'new-resource', 'r0']))).toBe('alpha: 1/3 drbdsetup new-resource; beta: 1/2 drbdsetup new-resource');
    after(end('alpha', 0));
    expect(after(start('alpha', 1, ['drbdsetup', 'attach', '0']))).toBe('alpha: 2/3 drbdsetup attach; beta: 1/2 drbdsetup new-resource');
    after(end('beta', 0));
    after(start('beta', 1, ['drbdsetup', 'connect', 'r0', '0']));
    // beta's last step ends while alpha still waits on attach: alpha is named, beta is done.
    expect(after(end('beta', 1))).toBe('alpha: 2/3 drbdsetup attach (beta done)');
    after(end('alpha', 1, 'failed'));
    expect(after(skipped('alpha', 2))).toBe('beta done; alpha FAILED');
});

test('output outside a step and unknown hosts change nothing', () => {
    const p = new RunProgress(new Map([['alpha', 1]]));
    p.take({ kind: 'output', time, host: 'alpha', index: -1, stream: 'stdout', text: 'motd\n' });
    p.take(start('gamma', 0, ['drbdsetup', 'down']));
    expect(p.text()).toBe('alpha: starting');
});
