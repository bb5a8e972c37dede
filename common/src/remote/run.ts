import { randomBytes } from 'node:crypto';
import type { HostPlan, PlanStep } from '../../../server/src/drbd/up/plan.js';
import { batchCommand, MarkerSplitter, type BatchPiece } from './batch.js';
import { namingProblems } from './names.js';
import type { PreflightReport } from './preflight.js';
import { classifySshFailure, describeSshFailure } from './ssh-errors.js';
import type { ExecResult, SshSession } from './ssh.js';

export type StepStatus = 'ok' | 'failed' | 'timed-out' | 'cancelled' | 'not-run';

export interface StepRun {
    step: PlanStep;
    status: StepStatus;
    /** Exit status of the remote command (143 when it was stopped); null when unknown. */
    exitCode?: number | null;
    stdout: string;
    stderr: string;
    startedAt?: Date;
    durationMs?: number;
    /** Why it failed or did not run, for the report. */
    message?: string;
}

export type HostStatus = 'ok' | 'failed' | 'cancelled';

export interface HostRun {
    host: string;
    destination: string;
    status: HostStatus;
    steps: StepRun[];
    /** Index into `steps` of the step that failed, timed out or was cancelled. */
    stoppedAt?: number;
    /** A problem of the connection rather than of a step (e.g. ssh failed before the first step). */
    error?: string;
    /** Output outside any step (e.g. the remote shell's startup noise, ssh's own messages). */
    otherOutput: string;
}

export interface RunReport {
    hosts: HostRun[];
    ok: boolean;
    cancelled: boolean;
}

/** Live progress; `index` is the step's position in its host's plan (-1: output outside any step). */
export type RunEvent =
    | { kind: 'step-start'; time: Date; host: string; index: number; step: PlanStep }
    | { kind: 'output'; time: Date; host: string; index: number; stream: 'stdout' | 'stderr'; text: string }
    | { kind: 'step-end'; time: Date; host: string; index: number; step: PlanStep; status: StepStatus; exitCode: number | null | undefined; durationMs: number; message?: string }
    | { kind: 'step-skipped'; time: Date; host: string; index: number; step: PlanStep; reason: string };

export interface RunOptions {
    signal?: AbortSignal;
    /**
     * Bound for each step (default 120 s), and for the wait for the first one: a step that takes
     * longer is stopped on the host and counts as failed.
     */
    stepTimeoutMs?: number;
    onEvent?: (event: RunEvent) => void;
}

/**
 * Runs the plans' steps: hosts in parallel, each host's steps in order as one batch over its
 * ControlMaster (batch.ts), stopping a host at its first failing step. The steps are the plan's
 * own drbdsetup/drbdmeta commands rather than a remote `drbdadm up`, so cancel stops between steps
 * and the report knows exactly which commands ran (the preflight has shown that the host's own
 * drbdadm would run the same ones). Nothing is retried. Only a clean preflight may run: one host
 * failing a check means no host runs.
 */
export async function runPlans(session: SshSession, preflightReport: PreflightReport, opts: RunOptions = {}): Promise<RunReport> {
    if (!preflightReport.ok) throw new Error('refusing to run: the preflight found problems');
    const plans = preflightReport.plans;
    const naming = namingProblems(plans, session.settings.hosts);
    if (naming.length > 0) throw new Error(`refusing to run: ${naming.join('; ')}`);
    return runHostPlans(session, plans, opts);
}

/** The steps of already checked plans, hosts in parallel (as runPlans; also Apply's `drbdadm adjust`). */
export async function runHostPlans(session: SshSession, plans: HostPlan[], opts: RunOptions = {}): Promise<RunReport> {
    const hosts = await Promise.all(plans.map((plan) => runHost(session, plan, opts)));
    return { hosts, ok: hosts.every((h) => h.status === 'ok'), cancelled: opts.signal?.aborted ?? false };
}

type StopReason = 'cancel' | 'timeout';

async function runHost(session: SshSession, plan: HostPlan, opts: RunOptions): Promise<HostRun> {
    const stepTimeoutMs = opts.stepTimeoutMs ?? 120_000;
    const progress = new HostProgress(plan, session.destination(plan.host), stepTimeoutMs, opts.onEvent ?? (() => undefined));
    const stop = new AbortController();
    const halt = (why: StopReason) => {
        progress.stopReason ??= why;
        stop.abort();
    };
    const onAbort = () => halt('cancel');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) halt('cancel');
    // Watchdog, re-armed by every marker: no step (and no wait for the first) may take longer.
    let watchdog: NodeJS.Timeout | undefined;
    const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => halt('timeout'), stepTimeoutMs);
    };
    let res: ExecResult | undefined;
    if (plan.steps.length > 0 && !stop.signal.aborted) {
        const token = `@@drbdconf:${randomBytes(8).toString('hex')}`;
        const splitters = { stdout: new MarkerSplitter(token), stderr: new MarkerSplitter(token) };
        arm();
        res = await session.exec(plan.host, batchCommand(token, plan.steps.map((s) => s.argv)), {
            holdStdin: true,
            signal: stop.signal,
            timeoutMs: (plan.steps.length + 1) * stepTimeoutMs,
            onOutput: (stream, text) => progress.take(stream, splitters[stream].push(text), arm),
        });
        progress.take('stdout', splitters.stdout.flush(), arm);
        progress.take('stderr', splitters.stderr.flush(), arm);
    }
    clearTimeout(watchdog);
    opts.signal?.removeEventListener('abort', onAbort);
    return progress.settle(res);
}

/**
 * One host's run as its batch reports it: markers become step starts and ends, text goes to its
 * step. The events come out in the order things happened on the host (step 1 starts, its output,
 * it ends, step 2 starts, ...) although stdout and stderr arrive on their own: what one stream
 * says of a step is held until the step before it has ended on both.
 */
class HostProgress {
    stopReason: StopReason | undefined;
    private readonly run: HostRun;
    private readonly steps: StepRun[];
    private readonly current = { stdout: -1, stderr: -1 };
    private readonly ends = new Map<number, { exitCode: number; streams: number }>();
    /** The last step whose end was emitted (steps end in order), and the events of the next one held until then. */
    private finished = -1;
    private held: RunEvent[] = [];

    constructor(
        private readonly plan: HostPlan,
        destination: string,
        private readonly stepTimeoutMs: number,
        private readonly emit: (e: RunEvent) => void,
    ) {
        this.steps = plan.steps.map((step) => ({ step, status: 'not-run', stdout: '', stderr: '' }));
        this.run = { host: plan.host, destination, status: 'ok', steps: this.steps, otherOutput: '' };
    }

    take(stream: 'stdout' | 'stderr', pieces: BatchPiece[], onMarker: () => void): void {
        const host = this.plan.host;
        for (const p of pieces) {
            if (p.kind === 'text') {
                const index = this.current[stream];
                if (this.steps[index]) this.steps[index][stream] += p.text;
                else this.run.otherOutput += p.text;
                this.inOrder({ kind: 'output', time: new Date(), host, index, stream, text: p.text });
                continue;
            }
            const s = this.steps[p.index];
            if (!s) continue;
            onMarker();
            if (p.kind === 'start') {
                this.current[stream] = p.index;
                if (s.startedAt) continue;
                s.startedAt = new Date();
                this.inOrder({ kind: 'step-start', time: s.startedAt, host, index: p.index, step: s.step });
            } else {
                this.current[stream] = -1;
                // A step is over once both streams said so: then all its output has arrived.
                const e = this.ends.get(p.index) ?? { exitCode: p.exitCode, streams: 0 };
                this.ends.set(p.index, { ...e, streams: e.streams + 1 });
                if (e.streams === 1) this.finish(p.index, e.exitCode);
            }
        }
    }

    private finish(index: number, exitCode: number | null): void {
        const s = this.steps[index];
        s.exitCode = exitCode;
        s.durationMs = Date.now() - (s.startedAt?.getTime() ?? Date.now());
        if (exitCode === 0) s.status = 'ok';
        else {
            // 143: the batch stopped it with SIGTERM; null: ssh ended before the host reported.
            const stopped = this.stopReason !== undefined && (exitCode === 143 || exitCode === null);
            s.status = !stopped ? 'failed' : this.stopReason === 'cancel' ? 'cancelled' : 'timed-out';
            const what = this.stopReason === 'cancel' ? 'cancelled while running' : `took longer than ${this.stepTimeoutMs / 1000} s`;
            s.message = stopped
                ? exitCode === 143
                    ? `${what}; it was stopped on the host`
                    : `${what}; ssh ended before the host confirmed it stopped (the host stops it when the connection closes)`
                : exitCode === null
                  ? 'ssh ended before the step did (the host stops it when the connection closes; its effect is unknown)'
                  : `${s.step.argv[0]} exited with ${exitCode}: ${lastLine(s.stderr) || lastLine(s.stdout)}`;
            this.run.stoppedAt ??= index;
        }
        this.emit({ kind: 'step-end', time: new Date(), host: this.plan.host, index, step: s.step, status: s.status, exitCode, durationMs: s.durationMs, message: s.message });
        this.finished = index;
        const held = this.held;
        this.held = [];
        // What one stream said of the next step before this end arrived on the other happened after this end.
        const now = new Date();
        for (const e of held) {
            e.time = now;
            if (e.kind === 'step-start') this.steps[e.index].startedAt = now;
            this.inOrder(e);
        }
    }

    /** Emits an event of a step once the step before it has ended, else holds it (output outside steps goes at once). */
    private inOrder(e: RunEvent): void {
        if (e.index > this.finished + 1) this.held.push(e);
        else this.emit(e);
    }

    /** The final account once ssh has ended (`res` undefined: it never started). */
    settle(res: ExecResult | undefined): HostRun {
        const { run, steps } = this;
        for (const [index, s] of steps.entries())
            if (s.startedAt && s.status === 'not-run') this.finish(index, this.ends.get(index)?.exitCode ?? null);
        const anyStarted = steps.some((s) => s.startedAt);
        if (res && !anyStarted && !this.stopReason) {
            const kind = res.exitCode === 255 ? classifySshFailure(res.stderr) : undefined;
            run.error = res.spawnError
                ? `could not start ssh: ${res.spawnError}`
                : kind
                  ? `${describeSshFailure(kind, run.destination)}: ${lastLine(res.stderr)}`
                  : `the host ran no step (exit ${res.exitCode ?? res.signal}): ${lastLine(res.stderr)}`;
        }
        if (this.stopReason === 'timeout' && !anyStarted) run.error = `no answer from ${run.destination} within ${this.stepTimeoutMs / 1000} s`;
        for (const [index, s] of steps.entries()) {
            if (s.status !== 'not-run') continue;
            s.message =
                run.stoppedAt !== undefined
                    ? `not run: step ${run.stoppedAt + 1} ${steps[run.stoppedAt].status}`
                    : this.stopReason === 'cancel'
                      ? 'not run: cancelled'
                      : `not run: ${run.error ?? 'the host did not start it'}`;
            this.emit({ kind: 'step-skipped', time: new Date(), host: this.plan.host, index, step: s.step, reason: s.message });
        }
        const stoppedStatus = run.stoppedAt === undefined ? undefined : steps[run.stoppedAt].status;
        const notRun = steps.some((s) => s.status === 'not-run');
        run.status =
            stoppedStatus === 'cancelled' || (!stoppedStatus && this.stopReason === 'cancel' && notRun)
                ? 'cancelled'
                : stoppedStatus || run.error || notRun
                  ? 'failed'
                  : 'ok';
        return run;
    }
}

function lastLine(text: string): string {
    return text.trim().split('\n').pop() ?? '';
}
