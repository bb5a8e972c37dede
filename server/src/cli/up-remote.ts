import { createInterface } from 'node:readline/promises';
import type { ReleaseVersion } from '../drbd/release.js';
import type { HostPlan } from '../drbd/up/plan.js';
import { dryRunLine } from '../drbd/up/shell-escape.js';
import { preflight, type HostPreflight, type PreflightOptions, type PreflightReport } from '../../../common/src/remote/preflight.js';
import { runPlans, type HostRun, type RunEvent } from '../../../common/src/remote/run.js';
import { SshSession } from '../../../common/src/remote/ssh.js';

export interface RemoteCliOptions {
    sshConfig?: string;
    sshPath?: string;
    extraArgs?: string[];
    hosts?: Record<string, string>;
    yes: boolean;
    out: NodeJS.WritableStream;
    err: NodeJS.WritableStream;
    signal?: AbortSignal;
    /** The release the configuration was checked (and `plans` planned) as. */
    target?: ReleaseVersion;
    /** Plans a host as its own release once the preflight knows it (preflight.ts). */
    replan?: PreflightOptions['replan'];
}

/**
 * `drbdconf up|down` over ssh: preflight, plan, confirmation, run, summary. Exit code 0 when every
 * host ran every step, 1 on a failed preflight or step, 2 when confirmation is impossible (no TTY
 * and no --yes), 130 when cancelled.
 */
export async function runRemote(verb: 'up' | 'down', plans: HostPlan[], opts: RemoteCliOptions): Promise<number> {
    const say = (text: string) => opts.out.write(text + '\n');
    if (!opts.yes && !process.stdin.isTTY) {
        opts.err.write(`drbdconf ${verb}: refusing to change hosts without confirmation: stdin is not a terminal (pass --yes to run without asking)\n`);
        return 2;
    }
    const session = await SshSession.open({ sshPath: opts.sshPath, configFile: opts.sshConfig, extraArgs: opts.extraArgs, hosts: opts.hosts });
    try {
        const resources = [...new Set(plans.flatMap((p) => p.steps.map((s) => s.resource)))].join(' ');
        const checked = opts.target ? ` — configuration checked as drbd-utils ${opts.target}${opts.replan ? ", each host planned as its drbdadm's release" : ''}` : '';
        say(`Preflight (${verb} ${resources}) on ${plans.map((p) => p.host).join(', ')}${checked}:`);
        const report = await preflight(session, verb, plans, { signal: opts.signal, replan: opts.replan });
        printPreflight(report, say);
        if (opts.signal?.aborted) return 130;
        if (!report.ok) {
            say(`Nothing was run: fix the problems above first.`);
            return 1;
        }
        // What each plan is for: the host's own release once re-planned, else the target's.
        printPlans(report, (i) => (opts.replan && report.hosts[i]?.release?.release) || opts.target, say);
        if (!opts.yes && !(await confirm(`${verb} ${resources} on ${plans.map((p) => p.host).join(', ')}`, opts))) {
            say('Not confirmed: nothing was run.');
            return opts.signal?.aborted ? 130 : 1;
        }
        const printer = new EventPrinter(say);
        const run = await runPlans(session, report, { signal: opts.signal, onEvent: (e) => printer.print(e) });
        say('Summary:');
        for (const h of run.hosts) say(`  ${summarize(h)}`);
        return run.ok ? 0 : run.cancelled ? 130 : 1;
    } finally {
        await session.close();
    }
}

function printPreflight(report: PreflightReport, say: (s: string) => void): void {
    for (const p of report.namingProblems) say(`  refused: ${p}`);
    for (const h of report.hosts) {
        say(`  ${label(h)}: ${h.ok ? 'ok' : 'FAILED'}${facts(h)} (${h.durationMs} ms)`);
        if (h.release?.hint) say(`    release: ${h.release.hint}`);
        for (const p of h.problems) {
            say(`    ${p.check}: ${p.message}`);
            for (const line of (p.detail ?? '').split('\n').filter(Boolean)) say(`      | ${line}`);
        }
    }
}

export function label(h: { host: string; destination: string }): string {
    return h.destination === h.host ? h.host : `${h.host} (${h.destination})`;
}

function facts(h: HostPreflight): string {
    const f = [
        h.nodename && `hostname ${h.nodename}`,
        h.drbdadmVersion && `drbdadm ${h.drbdadmVersion}`,
        h.kernelVersion && `kernel module ${h.kernelVersion}`,
        h.ok && 'same commands as the local plan',
    ].filter(Boolean);
    return f.length > 0 ? ` — ${f.join(', ')}` : '';
}

function printPlans(report: PreflightReport, plannedAs: (index: number) => ReleaseVersion | undefined, say: (s: string) => void): void {
    say('Plan:');
    for (const [i, p] of report.plans.entries()) {
        const release = plannedAs(i);
        say(`  ${p.host}: ${p.steps.length} command${p.steps.length === 1 ? '' : 's'}${release ? ` (drbd-utils ${release})` : ''}`);
        p.steps.forEach((s, i) => say(`    ${i + 1}. ${dryRunLine(s.argv)}`));
    }
}

export async function confirm(what: string, opts: RemoteCliOptions): Promise<boolean> {
    const rl = createInterface({ input: process.stdin, output: opts.err });
    try {
        const answer = await rl.question(`Run ${what}? Type "yes" to continue: `, { signal: opts.signal });
        return answer.trim().toLowerCase() === 'yes';
    } catch {
        return false;
    } finally {
        rl.close();
    }
}

/** Timestamped per-host lines; output is printed a whole line at a time. */
export class EventPrinter {
    private readonly partial = new Map<string, string>();

    constructor(private readonly say: (s: string) => void) {}

    print(e: RunEvent): void {
        const at = `${stamp(e.time)} [${e.host}]`;
        switch (e.kind) {
            case 'step-start':
                this.say(`${at} $ ${dryRunLine(e.step.argv)}`);
                break;
            case 'output': {
                const key = `${e.host}\0${e.stream}`;
                const lines = ((this.partial.get(key) ?? '') + e.text).split('\n');
                this.partial.set(key, lines.pop()!);
                for (const l of lines) this.say(`${at} ${e.stream === 'stderr' ? '!' : '|'} ${l}`);
                break;
            }
            case 'step-end':
                for (const stream of ['stdout', 'stderr']) {
                    const rest = this.partial.get(`${e.host}\0${stream}`);
                    if (rest) this.say(`${at} ${stream === 'stderr' ? '!' : '|'} ${rest}`);
                    this.partial.delete(`${e.host}\0${stream}`);
                }
                this.say(`${at} ${e.status === 'ok' ? 'ok' : e.status.toUpperCase()} (exit ${e.exitCode ?? '-'}, ${e.durationMs} ms)${e.message ? `: ${e.message}` : ''}`);
                break;
            case 'step-skipped':
                this.say(`${at} - ${dryRunLine(e.step.argv)}: ${e.reason}`);
                break;
        }
    }
}

function stamp(d: Date): string {
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

function summarize(h: HostRun): string {
    const total = h.steps.length;
    const ran = h.steps.filter((s) => s.status === 'ok').length;
    const notRun = h.steps.flatMap((s, i) => (s.status === 'not-run' ? [i + 1] : []));
    if (h.status === 'ok') return `${label(h)}: ok — ${ran} of ${total} commands ran`;
    const tail = `${ran} ran ok${notRun.length > 0 ? `; not run: ${notRun.join(', ')}` : ''}`;
    if (h.error) return `${label(h)}: FAILED: ${h.error} — ${tail}`;
    if (h.stoppedAt === undefined) return `${label(h)}: CANCELLED before its next command — ${tail}`;
    const s = h.steps[h.stoppedAt];
    const where = `${h.stoppedAt + 1}/${total} \`${dryRunLine(s.step.argv)}\``;
    return `${label(h)}: ${h.status === 'cancelled' ? 'CANCELLED during' : 'FAILED at'} ${where} (exit ${s.exitCode ?? '-'}): ${s.message} — ${tail}`;
}
