/**
 * `drbdconf up|down [--ssh-config F] [--yes] RES|all`: plans every host of the selected resources
 * as drbdadm would plan it when running on that host, then hands the plans to the remote runner
 * (up-remote.ts: preflight, confirmation, run, summary). Ctrl-C cancels: the runner stops the
 * remote work between or during steps and reports what ran.
 */
import { Writable } from 'node:stream';
import { analyzeConfig } from '../drbd/analyze.js';
import type { Resource } from '../drbd/model.js';
import { planDown } from '../drbd/up/down.js';
import type { HostPlan } from '../drbd/up/plan.js';
import { planUp } from '../drbd/up/plan-up.js';
import { E_CONFIG_INVALID, E_USAGE } from '../drbd/up/select.js';
import { maskText, secretsOf } from '../remote/secrets.js';
import type { ConfigInput } from './config-input.js';
import { runRemote } from './up-remote.js';

export interface RemoteCommandOptions {
    sshConfig?: string;
    yes: boolean;
    /** Default: standard output / error. */
    out?: NodeJS.WritableStream;
    err?: NodeJS.WritableStream;
    /** Default: aborted by SIGINT. */
    signal?: AbortSignal;
}

/** Plans for every host taking part in the selection, or drbdadm's refusal of the configuration. */
export function planHosts(verb: 'up' | 'down', input: ConfigInput, selection: string[] | 'all'): { plans: HostPlan[] } | { exitCode: number; message: string } {
    const overview = analyzeConfig(input.mainFile, {}, input.source);
    const errors = overview.diagnostics.filter((d) => d.severity === 'error' && !d.drbdadmEcho);
    if (errors.length > 0)
        return { exitCode: overview.exitCode || E_CONFIG_INVALID, message: errors.map((d) => `${d.loc.file}:${d.loc.line}: ${d.message}\n`).join('') };
    const all = overview.config.resources;
    if (all.length === 0) return { exitCode: E_USAGE, message: 'no resources defined!\n' };
    const unknown = selection === 'all' ? [] : selection.filter((name) => !all.some((r) => r.name === name));
    if (unknown.length > 0) return { exitCode: E_CONFIG_INVALID, message: unknown.map((n) => `'${n}' not defined in your config.\n`).join('') };
    const chosen = all.filter((r) => selection === 'all' || selection.includes(r.name));
    const hosts = hostsOf(chosen);
    if (hosts.length === 0) return { exitCode: E_USAGE, message: `no host has an 'on' section in ${chosen.map((r) => r.name).join(', ')}: nothing to run\n` };
    const plan = verb === 'up' ? planUp : planDown;
    return {
        plans: hosts.map((host) => plan(analyzeConfig(input.mainFile, { hostname: host, mode: 'command' }, input.source).config, host, selection)),
    };
}

/** The hosts that take part in these resources: the first name of each `on` section. */
function hostsOf(resources: readonly Resource[]): string[] {
    return [...new Set(resources.flatMap((r) => r.allHosts.flatMap((h) => (h.kind === 'on' && h.onHosts[0] ? [h.onHosts[0]] : []))))];
}

/** `drbdconf up|down RES|all` over ssh on every host. */
export async function remoteCommand(verb: 'up' | 'down', input: ConfigInput, selection: string[] | 'all', options: RemoteCommandOptions): Promise<number> {
    const planned = planHosts(verb, input, selection);
    const secrets = 'plans' in planned ? secretsOf(planned.plans.flatMap((p) => p.steps.map((s) => s.argv))) : [];
    const out = masked(options.out ?? process.stdout, secrets);
    const err = masked(options.err ?? process.stderr, secrets);
    if (!('plans' in planned)) {
        err.write(planned.message);
        return planned.exitCode;
    }
    let signal = options.signal;
    let cleanup = () => {};
    if (!signal) {
        const abort = new AbortController();
        const onSigint = () => {
            if (!abort.signal.aborted) err.write(`\ndrbdconf ${verb}: cancelling: stopping the remote commands…\n`);
            abort.abort();
        };
        process.on('SIGINT', onSigint);
        cleanup = () => process.off('SIGINT', onSigint);
        signal = abort.signal;
    }
    try {
        return await runRemote(verb, planned.plans, { sshConfig: options.sshConfig, yes: options.yes, out, err, signal });
    } finally {
        cleanup();
    }
}

/** A stream that masks secrets in each chunk (the runner writes whole lines). */
function masked(target: NodeJS.WritableStream, secrets: string[]): NodeJS.WritableStream {
    return new Writable({
        write(chunk: Buffer | string, _encoding, done) {
            target.write(maskText(chunk.toString(), secrets));
            done();
        },
    });
}
