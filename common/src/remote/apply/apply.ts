import { posix } from 'node:path';
import type { HostPlan } from '../../../../server/src/drbd/up/plan.js';
import { nameProblem, namingProblems } from '../names.js';
import { transportProblem } from '../preflight.js';
import { runHostPlans, type RunEvent, type RunReport } from '../run.js';
import type { ExecResult, SshSession } from '../ssh.js';
import { execTogether } from '../together.js';
import { DEFAULT_REMOTE_CONFIG, type ApplyFile } from './files.js';
import { preflightHost, type ApplyTarget, type HostApplyPreflight } from './preflight.js';
import { candidatePath, installCommand, removeTempCommand, restoreCommand, type InstallItem } from './scripts.js';

/** What one host's install (or restore) did: the files it touched, or why it failed. */
export interface HostChange {
    host: string;
    ok: boolean;
    /** `backup F`, `installed F`, `restored F`, `removed F` lines, in order. */
    done: string[];
    message?: string;
}

export interface HostStatus {
    host: string;
    exitCode: number | null;
    text: string;
}

export type ApplyPhase = 'naming' | 'preflight' | 'confirm' | 'install' | 'adjust';

export interface ApplyReport {
    /** The last phase that started. */
    phase: ApplyPhase;
    namingProblems: string[];
    preflight: HostApplyPreflight[];
    /** Hosts with changed files, in install order; empty before the install phase. */
    install: HostChange[];
    /** Set when an install failed (or was cancelled) and every host that changed was restored. */
    restore?: HostChange[];
    adjust?: RunReport;
    status: HostStatus[];
    /** Temp dirs that could not be removed (host: message). */
    leftovers: string[];
    ok: boolean;
    cancelled: boolean;
}

export type ApplyEvent = { kind: 'log'; host?: string; text: string } | { kind: 'run'; event: RunEvent };

export interface ApplyOptions {
    signal?: AbortSignal;
    /** The main file's path on the hosts (default /etc/drbd.conf); includes go beside it. */
    remoteConfig?: string;
    /** Shown the clean preflight; nothing is installed unless it resolves true. */
    confirm: (preflight: HostApplyPreflight[]) => Promise<boolean>;
    onEvent?: (e: ApplyEvent) => void;
    /** Per remote command of preflight, install and status (default 20 s). */
    timeoutMs?: number;
    /** Bound for `drbdadm adjust` on a host (default 120 s). */
    adjustTimeoutMs?: number;
    /** Backup suffix (default: the UTC time to the millisecond). */
    stamp?: string;
}

/**
 * `drbdadm adjust` of a changed configuration on every host, nothing half-done: preflight all
 * hosts (preflight.ts), confirm, install on every host (backups, atomic replace), restore every
 * host if any install fails or is cancelled, and only then adjust all hosts in parallel (as Up's
 * runner runs steps: cancel stops it on the host) and read back `drbdadm status`. The temp dirs
 * are removed on every path.
 */
export async function applyConfig(session: SshSession, files: ApplyFile[], targets: ApplyTarget[], opts: ApplyOptions): Promise<ApplyReport> {
    const remoteConfig = opts.remoteConfig ?? DEFAULT_REMOTE_CONFIG;
    const log = (text: string, host?: string) => opts.onEvent?.({ kind: 'log', host, text });
    const report: ApplyReport = { phase: 'naming', namingProblems: [], preflight: [], install: [], status: [], leftovers: [], ok: false, cancelled: false };
    const adjustPlans: HostPlan[] = targets.map((t) => ({
        host: t.host,
        exitCode: 0,
        stderr: '',
        steps: [{ host: t.host, resource: t.resources[0] ?? '', stage: 'adjust res', argv: ['drbdadm', '-c', remoteConfig, 'adjust', ...t.resources] }],
    }));
    report.namingProblems = namingProblems(adjustPlans, session.settings.hosts);
    if (files.length === 0) report.namingProblems.push('no files to apply');
    if (targets.some((t) => t.resources.length === 0)) report.namingProblems.push('a host has no resource to adjust');
    for (const r of new Set(targets.flatMap((t) => t.resources))) {
        const p = nameProblem('resource', r);
        if (p && !report.namingProblems.includes(p)) report.namingProblems.push(p);
    }
    if (report.namingProblems.length > 0) return report;

    report.phase = 'preflight';
    /** Hosts whose temp dir is gone already. */
    const removed = new Set<string>();
    try {
        report.preflight = await Promise.all(
            targets.map(async (t) => {
                const p = await preflightHost(session, t, files, { signal: opts.signal, timeoutMs: opts.timeoutMs });
                log(p.ok ? `preflight ok (${p.durationMs} ms)` : `preflight FAILED: ${p.problems.map((x) => x.message).join('; ')}`, t.host);
                return p;
            }),
        );
        report.cancelled = opts.signal?.aborted ?? false;
        if (report.cancelled || !report.preflight.every((p) => p.ok)) return report;

        report.phase = 'confirm';
        const yes = await opts.confirm(report.preflight);
        report.cancelled = opts.signal?.aborted ?? false;
        if (!yes || report.cancelled) return report;

        report.phase = 'install';
        const stamp = opts.stamp ?? new Date().toISOString().replace(/[-:]/g, '').replace('.', '-');
        const work = report.preflight.filter((p) => p.files.some((f) => f.changed));
        const pidFile = (p: HostApplyPreflight) => posix.join(p.tmp!, 'install.pid');
        const items = (p: HostApplyPreflight): InstallItem[] =>
            p.files.filter((f) => f.changed).map((f) => ({ src: candidatePath(p.tmp!, f.file.rel), dst: f.file.remote, old: f.oldHash, new: f.file.sha256 }));
        /** Runs the install or the restore on every host that changes, logging what each did. */
        const onEveryHost = (what: 'install' | 'restore', command: typeof installCommand) => Promise.all(
            work.map(async (p) => {
                const res = await session.exec(p.host, command(pidFile(p), stamp, items(p)), { timeoutMs: opts.timeoutMs ?? 20_000 });
                const change = changeOf(p.host, res, session.destination(p.host));
                for (const line of change.done) log(line, p.host);
                if (!change.ok) log(`${what} FAILED: ${change.message}`, p.host);
                return change;
            }),
        );
        // Install is not cut short by cancel (a few renames): a cancel during it restores every host below.
        report.install = await onEveryHost('install', installCommand);
        report.cancelled = opts.signal?.aborted ?? false;
        if (report.cancelled || !report.install.every((c) => c.ok)) {
            log('restoring every host that was changed');
            report.restore = await onEveryHost('restore', restoreCommand);
            return report;
        }

        report.phase = 'adjust';
        report.adjust = await runHostPlans(session, adjustPlans, {
            signal: opts.signal,
            stepTimeoutMs: opts.adjustTimeoutMs,
            onEvent: (event) => opts.onEvent?.({ kind: 'run', event }),
        });
        report.cancelled = report.adjust.cancelled;
        // What each host is now, also after a failed or cancelled adjust; its temp dir goes in the same session.
        report.status = await Promise.all(
            targets.map(async (t) => {
                const p = report.preflight.find((x) => x.host === t.host)!;
                const [res, rm] = await execTogether(session, t.host, [{ argv: ['drbdadm', '-c', remoteConfig, 'status', ...t.resources] }, { argv: removeTempCommand(p.tmp!) }], {
                    timeoutMs: opts.timeoutMs ?? 20_000,
                });
                if (rm.exitCode === 0) removed.add(t.host);
                const text = transportProblem(res, session.destination(t.host))?.message ?? (res.stdout + res.stderr).trimEnd();
                for (const line of text.split('\n')) log(`status | ${line}`, t.host);
                return { host: t.host, exitCode: res.exitCode, text };
            }),
        );
        report.ok = report.adjust.ok && !report.cancelled;
        return report;
    } finally {
        report.leftovers = await removeTempDirs(session, report.preflight.filter((p) => !removed.has(p.host)), opts.timeoutMs ?? 20_000);
    }
}

function changeOf(host: string, res: ExecResult, destination: string): HostChange {
    const done = res.stdout.split('\n').filter((l) => /^(backup|installed|restored|removed) /.test(l));
    const t = transportProblem(res, destination);
    if (t) return { host, ok: false, done, message: `${t.message}${t.detail ? `: ${t.detail}` : ''}` };
    if (res.exitCode !== 0) return { host, ok: false, done, message: `exit ${res.exitCode}: ${res.stderr.trim().split('\n').pop() ?? ''}` };
    return { host, ok: true, done };
}

async function removeTempDirs(session: SshSession, preflight: HostApplyPreflight[], timeoutMs: number): Promise<string[]> {
    const left = await Promise.all(
        preflight.map(async (p) => {
            if (!p.tmp) return undefined;
            const res = await session.exec(p.host, removeTempCommand(p.tmp), { timeoutMs });
            return res.exitCode === 0 ? undefined : `${p.host}: ${p.tmp} (${transportProblem(res, p.destination)?.message ?? res.stderr.trim()})`;
        }),
    );
    return left.filter((l): l is string => l !== undefined);
}
