/**
 * "DRBD: Up/Down" as a sequence of decisions, with the editor and the hosts behind ports so that
 * it runs (and is tested) without VS Code: plan → preview → preflight of every host (which has
 * the server plan each host again as its own drbdadm's release) → preview → modal confirmation →
 * run with cancellable progress → summary. Nothing runs on a host unless the
 * workspace is trusted, the configuration has no errors, every host passed the preflight and the
 * user said yes; everything shown or logged is masked.
 */
import type { HostPlan } from '../../common/src/protocol.js';
import type { UpPlanHost, UpPlanResult } from '../../common/src/protocol.js';
import { destinationOf } from '../../common/src/remote/names.js';
import type { PreflightOptions, PreflightReport, RemoteVerb, Replanned } from '../../common/src/remote/preflight.js';
import type { RunOptions, RunReport } from '../../common/src/remote/run.js';
import { maskText } from '../../common/src/remote/secrets.js';
import type { SshSettings } from '../../common/src/remote/ssh.js';
import { secretValues, type PreviewInput } from './plan-preview.js';
import { confirmation, preflightLines, runSummary, verbTitle, type Confirmation, type Summary } from './report-text.js';
import { RunLog, type LogLine } from './run-log.js';
import { RunProgress } from './run-progress.js';
import { executionBlocked, type ResolvedSsh } from './settings.js';

export interface FlowTarget {
    /** A document of the configuration. */
    uri: string;
    resource: string;
}

/** The hosts, reached one way or another (ssh-remote.ts: the system ssh). */
export interface Remote {
    preflight(verb: RemoteVerb, plans: HostPlan[], opts: PreflightOptions): Promise<PreflightReport>;
    run(report: PreflightReport, opts: RunOptions): Promise<RunReport>;
    close(): Promise<void>;
}

export type NoticeAction = 'Show output' | 'Show plan';

export interface Notice extends Summary {
    actions: NoticeAction[];
}

export interface UpFlowPorts {
    workspaceTrusted: boolean;
    ssh: ResolvedSsh;
    /** The server's plan (the configuration checked as its target release); `as`: one host planned as its drbdadm (`DRBDADM_VERSION`). */
    requestPlan(target: FlowTarget, verb: RemoteVerb, as?: { host: string; release: string }): Promise<UpPlanResult>;
    /** Opens or updates the preview (the editor decides whether secrets are revealed). */
    showPreview(input: Omit<PreviewInput, 'reveal'>): void;
    openRemote(settings: SshSettings): Promise<Remote>;
    /** Runs `task` under a cancellable progress notification; cancel aborts `signal`. */
    progress<T>(title: string, task: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Promise<T>;
    /** Modal question with one verb button; true only when that button was chosen. */
    confirm(question: Confirmation): Promise<boolean>;
    log(line: LogLine): void;
    notify(notice: Notice): void;
}

export type FlowOutcome = 'untrusted' | 'config-errors' | 'no-hosts' | 'preflight-failed' | 'not-confirmed' | 'cancelled' | 'ok' | 'failed' | 'error';

export async function runUpFlow(verb: RemoteVerb, target: FlowTarget, ports: UpFlowPorts): Promise<FlowOutcome> {
    const head = `DRBD: ${verbTitle(verb)} ${target.resource}`;
    const blocked = executionBlocked(ports.workspaceTrusted);
    if (blocked) {
        ports.notify({ severity: 'error', text: blocked, actions: [] });
        return 'untrusted';
    }
    for (const w of ports.ssh.warnings) ports.log({ level: 'warn', text: w });
    let mask = (s: string) => maskText(s);
    try {
        let plan = await ports.requestPlan(target, verb);
        const secrets = secretValues(plan);
        mask = (s: string) => maskText(s, secrets);
        const destination = (host: string) => destinationOf(host, ports.ssh.settings.hosts);
        let preview = { verb, resource: target.resource, plan, destination };
        ports.log({ level: 'info', text: `${head}: planned from ${plan.mainFile} for ${plan.hosts.map((h) => h.host).join(', ') || 'no host'}` });
        if (plan.configErrors.length > 0 || plan.hosts.length === 0) {
            ports.showPreview({ ...preview, preflight: { kind: 'pending' } });
            for (const e of plan.configErrors) ports.log({ level: 'error', text: mask(e) });
            const why = plan.configErrors.length > 0 ? 'the configuration has errors' : 'no host has an `on` section for it';
            ports.notify({ severity: 'error', text: `${head}: ${why}; nothing was run.`, actions: ['Show plan'] });
            return plan.configErrors.length > 0 ? 'config-errors' : 'no-hosts';
        }
        ports.showPreview({ ...preview, preflight: { kind: 'running' } });
        const plans: HostPlan[] = plan.hosts;
        const hostList = plans.map((p) => p.host).join(', ');
        // Each host as its own release runs it (the server plans; the preflight compares and runs that).
        const replanned = new Map<string, UpPlanHost>();
        const replan = async (host: string, drbdadmVersion: string): Promise<Replanned> => {
            const again = await ports.requestPlan(target, verb, { host, release: drbdadmVersion });
            const hostPlan = again.hosts.find((h) => h.host === host);
            if (again.configErrors.length > 0 || !hostPlan) throw new Error(mask(again.configErrors.join('; ') || `the server planned no steps for ${host}`));
            replanned.set(host, hostPlan);
            return { plan: hostPlan, release: { release: hostPlan.release, hint: hostPlan.releaseHint } };
        };
        const remote = await ports.openRemote(ports.ssh.settings);
        try {
            const report = await ports.progress(`${head}: preflight of ${hostList}`, (signal, say) =>
                remote.preflight(verb, plans, { signal, replan, onHost: (h) => say(`${h.host}: ${h.ok ? 'ok' : 'FAILED'}`) }),
            );
            // From here on the plans are those the preflight checked (report.plans): shown, confirmed, run.
            plan = { ...plan, hosts: plan.hosts.map((h) => replanned.get(h.host) ?? h) };
            const replannedSecrets = secretValues(plan);
            mask = (s: string) => maskText(s, [...secrets, ...replannedSecrets]);
            preview = { ...preview, plan };
            ports.showPreview({ ...preview, preflight: { kind: 'done', report } });
            ports.log({ level: report.ok ? 'info' : 'error', text: `${head}: preflight ${report.ok ? 'passed' : 'FAILED'}` });
            for (const l of preflightLines(report, mask)) ports.log({ level: 'info', text: `  ${l}` });
            if (report.hosts.some((h) => h.problems.some((p) => p.check === 'cancelled'))) {
                ports.notify({ severity: 'warning', text: `${head}: preflight cancelled; nothing was run.`, actions: ['Show output'] });
                return 'cancelled';
            }
            if (!report.ok) {
                const failed = report.namingProblems.length > 0 ? 'names refused' : `failed on ${report.hosts.filter((h) => !h.ok).map((h) => h.host).join(', ')}`;
                ports.notify({ severity: 'error', text: `${head}: preflight ${failed}; nothing was run.`, actions: ['Show plan', 'Show output'] });
                return 'preflight-failed';
            }
            if (!(await ports.confirm(confirmation(verb, target.resource, plan.hosts, destination)))) {
                ports.log({ level: 'info', text: `${head}: not confirmed; nothing was run.` });
                return 'not-confirmed';
            }
            const runProgress = new RunProgress(new Map(report.plans.map((p) => [p.host, p.steps.length])));
            const runLog = new RunLog(mask);
            ports.log({ level: 'info', text: `${head}: running on ${hostList}` });
            const run = await ports.progress(`${head} on ${hostList}`, (signal, say) =>
                remote.run(report, {
                    signal,
                    onEvent: (e) => {
                        for (const l of runLog.lines(e)) ports.log(l);
                        if (e.kind === 'output') return;
                        runProgress.take(e);
                        say(runProgress.text());
                    },
                }),
            );
            const summary = runSummary(verb, target.resource, run, mask);
            ports.log({ level: summary.severity === 'info' ? 'info' : 'error', text: summary.text });
            ports.notify({ ...summary, actions: ['Show output'] });
            return run.ok ? 'ok' : run.cancelled ? 'cancelled' : 'failed';
        } finally {
            await remote.close();
        }
    } catch (e) {
        const text = `${head}: ${mask(e instanceof Error ? e.message : String(e))}`;
        ports.log({ level: 'error', text });
        ports.notify({ severity: 'error', text, actions: ['Show output'] });
        return 'error';
    }
}
