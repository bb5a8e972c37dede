import type { HostPlan } from '../../../server/src/drbd/up/plan.js';
import type { ResolvedRelease } from '../../../server/src/drbd/release.js';
import { diffCommands } from './drift.js';
import { parseDryRun } from './dry-run.js';
import { hostnamesEqual } from '../../../server/src/drbd/hostnames.js';
import { namingProblems, resourcesOf } from './names.js';
import { classifySshFailure, describeSshFailure, type SshFailure } from './ssh-errors.js';
import type { ExecResult, SshSession } from './ssh.js';
import { execTogether } from './together.js';

export type RemoteVerb = 'up' | 'down';

export type PreflightCheck = 'plan' | 'connect' | 'drbdadm' | 'hostname' | 'drift' | 'cancelled';

export interface PreflightProblem {
    check: PreflightCheck;
    message: string;
    /** Verbatim text from ssh or the remote command. */
    detail?: string;
    sshFailure?: SshFailure;
}

export interface HostPreflight {
    host: string;
    destination: string;
    ok: boolean;
    problems: PreflightProblem[];
    /** The remote `uname -n`: what the host's drbdadm takes as its own name. */
    nodename?: string;
    drbdadmVersion?: string;
    /** The known release `drbdadmVersion` was read as and this host re-planned as (`replan`), with a hint when drbdconf does not know it. */
    release?: ResolvedRelease;
    kernelVersion?: string;
    /** Diff of our plan (`-`) against the host's own `drbdadm -d VERB` (`+`); empty when equal. */
    drift: string[];
    durationMs: number;
}

export interface PreflightReport {
    verb: RemoteVerb;
    /** The plans to run: each host's as its own release runs it when re-planned, else the given ones. */
    plans: HostPlan[];
    /** Names refused before any ssh ran; when non-empty, `hosts` is empty. */
    namingProblems: string[];
    hosts: HostPreflight[];
    ok: boolean;
}

export interface PreflightOptions {
    signal?: AbortSignal;
    /** Per remote command (default 20 s). */
    timeoutMs?: number;
    onHost?: (result: HostPreflight) => void;
    /**
     * Plans `host` as its own drbdadm runs it, given that drbdadm's `DRBDADM_VERSION` once
     * `drbdadm --version` has answered, before the drift check: a host still on another release
     * (a rolling upgrade) is compared with, and later runs, the plan of its own release. (Reading
     * the version as a known release is the planner's side: host-release.ts.) Without it the
     * given plans are checked and run as they are.
     */
    replan?: (host: string, drbdadmVersion: string) => Replanned | Promise<Replanned>;
}

export interface Replanned {
    plan: HostPlan;
    /** The known release it was planned as. */
    release: ResolvedRelease;
}

/**
 * Checks every host in parallel, changing nothing: ssh reaches it and authenticates, drbdadm is
 * there, its nodename is the `on` name, and its own drbdadm would run exactly our plan.
 *
 * Drift is checked by running `drbdadm -d VERB RES` on the host (a dry run: it only prints) and
 * comparing the commands with our plan's steps, instead of comparing `drbdadm dump` text with our
 * model: the commands are what will actually be executed, so any difference that matters shows up
 * (other config files or includes on the host, a different drbdadm version, another hostname view),
 * while differences that do not matter (comments, order of sections, formatting) do not. Each
 * host's own drbdadm release decides its commands, so the plan compared is the one for that
 * release (`replan`).
 */
export async function preflight(
    session: SshSession,
    verb: RemoteVerb,
    plans: HostPlan[],
    opts: PreflightOptions = {},
): Promise<PreflightReport> {
    const naming = namingProblems(plans, session.settings.hosts);
    if (naming.length > 0) return { verb, plans, namingProblems: naming, hosts: [], ok: false };
    const checked = await Promise.all(
        plans.map(async (given) => {
            const result = await checkHost(session, verb, given, opts);
            opts.onHost?.(result.host);
            return result;
        }),
    );
    const hosts = checked.map((c) => c.host);
    return { verb, plans: checked.map((c) => c.plan), namingProblems: [], hosts, ok: hosts.every((h) => h.ok) };
}

async function checkHost(session: SshSession, verb: RemoteVerb, given: HostPlan, opts: PreflightOptions): Promise<{ host: HostPreflight; plan: HostPlan }> {
    const started = Date.now();
    let plan = given;
    const destination = session.destination(plan.host);
    const r: HostPreflight = { host: plan.host, destination, ok: false, problems: [], drift: [], durationMs: 0 };
    const run = (argv: string[]) => session.exec(plan.host, argv, { timeoutMs: opts.timeoutMs ?? 20_000, signal: opts.signal });
    const done = () => {
        if (plan.exitCode !== 0)
            r.problems.unshift({ check: 'plan', message: `drbdadm would refuse on ${plan.host} (exit ${plan.exitCode})`, detail: plan.stderr });
        r.ok = r.problems.length === 0;
        r.durationMs = Date.now() - started;
        return { host: r, plan };
    };

    // The host's own dry run (what its drbdadm would execute) needs only the resources, which do
    // not depend on the release: it runs in the same session as `uname -n` and `--version` (one
    // round trip, which also opens the ControlMaster the run reuses), and again only if the
    // re-plan changed what to ask (e.g. the target release's plan refused).
    const dryArgs = (p: HostPlan) => (p.exitCode === 0 && resourcesOf(p).length > 0 ? ['drbdadm', '-d', verb, ...resourcesOf(p)] : undefined);
    const earlyArgs = dryArgs(plan);
    const [uname, version, early] = await execTogether(session, plan.host, [{ argv: ['uname', '-n'] }, { argv: ['drbdadm', '--version'] }, ...(earlyArgs ? [{ argv: earlyArgs }] : [])], {
        timeoutMs: opts.timeoutMs ?? 20_000,
        signal: opts.signal,
    });
    const failure = transportProblem(uname, destination);
    if (failure) {
        r.problems.push(failure);
        return done();
    }
    r.nodename = uname.stdout.trim();
    if (!hostnamesEqual(plan.host, r.nodename))
        r.problems.push({
            check: 'hostname',
            message: `${destination} calls itself '${r.nodename}', which is not '${plan.host}': drbdadm there would act as another host`,
        });

    const versionFailure = transportProblem(version, destination);
    if (versionFailure || version.exitCode !== 0) {
        r.problems.push(
            versionFailure ?? {
                check: 'drbdadm',
                message: version.exitCode === 127 ? `drbdadm is not installed on ${destination}` : `drbdadm --version failed on ${destination} (exit ${version.exitCode})`,
                detail: version.stderr.trim(),
            },
        );
        return done();
    }
    r.drbdadmVersion = /^DRBDADM_VERSION=(.*)$/m.exec(version.stdout)?.[1];
    r.kernelVersion = /^DRBD_KERNEL_VERSION=(.*)$/m.exec(version.stdout)?.[1];
    // A drbdadm that names no release (no X.Y.Z) keeps the given plan: the drift check still compares.
    if (opts.replan && r.drbdadmVersion && /^\d+\.\d+\.\d+/.test(r.drbdadmVersion)) {
        try {
            ({ plan, release: r.release } = await opts.replan(plan.host, r.drbdadmVersion));
        } catch (e) {
            r.problems.push({ check: 'plan', message: `could not plan ${plan.host} as drbdadm ${r.drbdadmVersion}: ${e instanceof Error ? e.message : String(e)}` });
            return done();
        }
    }

    const args = dryArgs(plan);
    const resources = resourcesOf(plan);
    const dry = !args ? undefined : args.join('\0') === earlyArgs?.join('\0') ? early : await run(args);
    if (dry) {
        const dryFailure = transportProblem(dry, destination);
        if (dryFailure) r.problems.push(dryFailure);
        else if (dry.exitCode !== 0)
            r.problems.push({
                check: 'drift',
                message: `drbdadm on ${destination} refuses '${verb} ${resources.join(' ')}' (exit ${dry.exitCode}) while the local plan does not`,
                detail: dry.stderr.trim(),
            });
        else {
            r.drift = diffCommands(plan.steps.map((s) => s.argv), parseDryRun(dry.stdout));
            if (r.drift.length > 0)
                r.problems.push({
                    check: 'drift',
                    message: `${destination} would ${verb} a different configuration than the local one (its /etc/drbd.conf differs${
                        r.release ? `, or its drbdadm plans otherwise than drbdconf's re-enactment of drbd-utils ${r.release.release}` : ''
                    })`,
                    detail: [driftLegend(destination), ...r.drift].join('\n'),
                });
        }
    }
    return done();
}

/** What the diff's `-` and `+` lines are (drift.ts: `-` our plan, `+` the host's dry run). */
export function driftLegend(destination: string): string {
    return `(- the local configuration's plan, + what drbdadm on ${destination} would run from its own /etc/drbd.conf)`;
}

/** A problem when ssh could not run the command at all (or was cancelled/timed out), else undefined. */
export function transportProblem(res: ExecResult, destination: string): PreflightProblem | undefined {
    if (res.cancelled) return { check: 'cancelled', message: `preflight of ${destination} was cancelled` };
    if (res.spawnError) return { check: 'connect', message: `could not start ssh: ${res.spawnError}`, sshFailure: 'ssh-error' };
    if (res.timedOut) return { check: 'connect', message: `${destination} did not answer in time`, sshFailure: 'timeout' };
    if (res.exitCode !== 255) return undefined;
    const kind = classifySshFailure(res.stderr);
    return { check: 'connect', message: describeSshFailure(kind, destination), detail: res.stderr.trim(), sshFailure: kind };
}
