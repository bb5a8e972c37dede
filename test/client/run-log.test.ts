import { expect, test } from 'vitest';
import { RunLog } from '../../client/src/run-log.js';
import type { PlanStep } from '../../server/src/drbd/up/plan.js';
import type { RunEvent } from '../../common/src/remote/run.js';
import { maskText, MASK } from '../../common/src/remote/secrets.js';

const SECRET = 'top-secret-1';
const step: PlanStep = { host: 'hw1', resource: 'r0', stage: 'prepare net', argv: ['drbdsetup', 'new-peer', 'r0', '1', `--shared-secret=${SECRET}`] };
const time = new Date();

test('per-host lines: command, whole output lines, result; partial lines are completed by the step end', () => {
    const log = new RunLog((s) => maskText(s, [SECRET]));
    const events: RunEvent[] = [
        { kind: 'step-start', time, host: 'hw1', index: 0, step },
        { kind: 'output', time, host: 'hw1', index: 0, stream: 'stdout', text: 'one\ntw' },
        { kind: 'output', time, host: 'hw2', index: 0, stream: 'stdout', text: 'other host\n' },
        { kind: 'output', time, host: 'hw2', index: -1, stream: 'stdout', text: 'motd\n' },
        { kind: 'output', time, host: 'hw1', index: 0, stream: 'stderr', text: `echo ${SECRET}` },
        { kind: 'output', time, host: 'hw1', index: 0, stream: 'stdout', text: 'o' },
        { kind: 'step-end', time, host: 'hw1', index: 0, step, status: 'failed', exitCode: 10, durationMs: 5, message: 'drbdsetup exited with 10' },
        { kind: 'step-skipped', time, host: 'hw1', index: 1, step, reason: 'not run: step 1 failed' },
    ];
    expect(events.flatMap((e) => log.lines(e))).toEqual([
        { level: 'info', text: `[hw1] #1 $ drbdsetup new-peer r0 1 --shared-secret=${MASK}` },
        { level: 'info', text: '[hw1] #1 | one' },
        { level: 'info', text: '[hw2] #1 | other host' },
        { level: 'info', text: '[hw2] | motd' },
        { level: 'info', text: '[hw1] #1 | two' },
        { level: 'warn', text: `[hw1] #1 ! echo ${MASK}` },
        { level: 'error', text: '[hw1] #1 FAILED (exit 10, 5 ms): drbdsetup exited with 10' },
        { level: 'warn', text: `[hw1] #2 - drbdsetup new-peer r0 1 --shared-secret=${MASK}: not run: step 1 failed` },
    ]);
});
