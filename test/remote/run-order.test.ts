/**
 * The order of a run's events, whatever the order in which its two streams arrive: the real batch
 * script runs here (no ssh) and the session hands over all of its stdout before any of its
 * stderr, the worst skew a connection can show.
 */
import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { RunLog } from '../../client/src/run-log.js';
import { runHostPlans, type RunEvent } from '../../common/src/remote/run.js';
import type { ExecOptions, ExecResult, SshSession } from '../../common/src/remote/ssh.js';
import type { HostPlan } from '../../server/src/drbd/up/plan.js';

/** A session whose exec runs the command locally and reports stdout, line by line, before stderr. */
function skewedSession(): SshSession {
    const exec = (_host: string, argv: readonly string[], opts: ExecOptions): Promise<ExecResult> =>
        new Promise((done) => {
            const started = Date.now();
            const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
            const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
            let stdout = '';
            let stderr = '';
            child.stdout.on('data', (d) => (stdout += d));
            child.stderr.on('data', (d) => (stderr += d));
            child.on('close', (exitCode, signal) => {
                clearTimeout(timer);
                for (const [stream, text] of [['stdout', stdout], ['stderr', stderr]] as const)
                    for (const line of text.split(/(?<=\n)/)) opts.onOutput?.(stream, line);
                done({ exitCode, signal, stdout, stderr, timedOut: false, cancelled: false, durationMs: Date.now() - started });
            });
        });
    return { exec, destination: (host: string) => host, settings: {} } as unknown as SshSession;
}

const step = (host: string, i: number) => ({ host, resource: 'r0', stage: 'create res' as const, argv: ['sh', '-c', `echo out ${i}; echo err ${i} >&2`] });
const plan = (host: string, n: number): HostPlan => ({ host, exitCode: 0, stderr: '', steps: Array.from({ length: n }, (_, i) => step(host, i)) });

test('per host: each step starts, prints and ends before the next starts; times never go back', async () => {
    const events: RunEvent[] = [];
    const report = await runHostPlans(skewedSession(), [plan('alpha', 3), plan('beta', 2)], { onEvent: (e) => events.push(e), stepTimeoutMs: 10_000 });
    expect(report.ok).toBe(true);
    for (const [host, n] of [['alpha', 3], ['beta', 2]] as const) {
        const mine = events.filter((e) => e.host === host);
        // Output comes in pieces: one row per run of them.
        const rows = mine.map((e) => `${e.kind} ${e.index}`).filter((row, i, all) => row !== all[i - 1]);
        expect(rows).toEqual(Array.from({ length: n }, (_, i) => [`step-start ${i}`, `output ${i}`, `step-end ${i}`]).flat());
        const times = mine.map((e) => e.time.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    // The output channel's lines (run-log.ts) follow: `#1 $ …`, its output, `#1 ok`, then `#2 $ …`.
    const log = new RunLog((s) => s);
    const lines = events.filter((e) => e.host === 'alpha').flatMap((e) => log.lines(e)).map((l) => l.text.replace(/\(exit 0, \d+ ms\)/, '(exit 0)').replace(/ \$ .*/, ' $ …'));
    expect(lines.slice(0, 5)).toEqual([
        '[alpha] #1 $ …',
        '[alpha] #1 | out 0',
        '[alpha] #1 ! err 0',
        '[alpha] #1 ok (exit 0)',
        '[alpha] #2 $ …',
    ]);
});
