import { expect, test } from 'vitest';
import { confirmation, hostSummary, runSummary } from '../../client/src/report-text.js';
import type { HostRun, RunReport } from '../../common/src/remote/run.js';
import { maskText, MASK } from '../../common/src/remote/secrets.js';
import { planResult, SECRET, TWO_HOSTS } from './plan-fixture.js';

const plan = planResult(TWO_HOSTS, 'r0');
const mask = (s: string) => maskText(s, [SECRET]);

test('confirmation: stable title naming resource and hosts, one verb button, every command masked', () => {
    const c = confirmation('up', 'r0', plan.hosts, (h) => (h === 'hw1' ? 'admin@hw1.example' : h));
    expect(c.title).toBe('DRBD: Up r0 on hw1, hw2?');
    expect(c.button).toBe('Up');
    expect(c.detail).toContain('hw1 (admin@hw1.example): 7 commands as drbd-utils 9.22.0\n  1. drbdsetup new-resource r0 0');
    expect(c.detail).toContain(`--shared-secret=${MASK}`);
    expect(c.detail).not.toContain(SECRET);
    const down = confirmation('down', 'r0', planResult(TWO_HOSTS, 'r0', 'down').hosts, (h) => h);
    expect(down).toMatchObject({ title: 'DRBD: Down r0 on hw1, hw2?', button: 'Down' });
    expect(down.detail).toContain('hw2: 1 command as drbd-utils 9.22.0\n  1. drbdsetup down r0');
});

const steps = plan.hosts[0].steps;
const hostRun = (over: Partial<HostRun>, statuses: HostRun['steps'][number]['status'][]): HostRun => ({
    host: 'hw1',
    destination: 'hw1',
    status: 'ok',
    otherOutput: '',
    steps: steps.map((step, i) => ({ step, status: statuses[i] ?? 'not-run', stdout: '', stderr: '' })),
    ...over,
});

test('host summaries say what ran, where it stopped and why', () => {
    expect(hostSummary(hostRun({}, steps.map(() => 'ok')), mask)).toBe('hw1 ok (7 of 7 commands ran)');
    const failed = hostRun({ status: 'failed', stoppedAt: 2 }, ['ok', 'ok', 'failed']);
    failed.steps[2] = { ...failed.steps[2], exitCode: 10, message: `drbdsetup exited with 10: bad secret ${SECRET}` };
    expect(hostSummary(failed, mask)).toBe(
        `hw1 FAILED at step 3 \`${steps[2].command.replace(/--shared-secret=\S+/, `--shared-secret=${MASK}`)}\` (exit 10): drbdsetup exited with 10: bad secret ${MASK} (2 of 7 commands ran)`,
    );
    expect(hostSummary(hostRun({ status: 'failed', error: 'connecting to hw1 timed out' }, []), mask)).toBe('hw1 FAILED: connecting to hw1 timed out (0 of 7 commands ran)');
    expect(hostSummary(hostRun({ status: 'cancelled' }, ['ok']), mask)).toBe('hw1 CANCELLED before its next command (1 of 7 commands ran)');
});

test('the run summary starts with "DRBD: Up RES:" and its severity follows the outcome', () => {
    const ok = hostRun({}, steps.map(() => 'ok'));
    const report = (hosts: HostRun[], cancelled = false): RunReport => ({ hosts, ok: hosts.every((h) => h.status === 'ok'), cancelled });
    expect(runSummary('up', 'r0', report([ok, { ...ok, host: 'hw2', destination: 'hw2' }]), mask)).toEqual({
        severity: 'info',
        text: 'DRBD: Up r0: hw1 ok (7 of 7 commands ran); hw2 ok (7 of 7 commands ran)',
    });
    expect(runSummary('down', 'r0', report([hostRun({ status: 'cancelled' }, [])], true), mask).severity).toBe('warning');
    expect(runSummary('up', 'r0', report([hostRun({ status: 'failed', error: 'x' }, [])]), mask)).toMatchObject({ severity: 'error', text: 'DRBD: Up r0: hw1 FAILED: x (0 of 7 commands ran)' });
});
