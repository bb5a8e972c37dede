/**
 * `drbdconf up|down [--ssh-config F] [--yes] RES|all`: plans every host of the selected resources
 * as drbdadm would plan it when running on that host, then hands the plans to the remote runner
 * (up-remote.ts: preflight, confirmation, run, summary). The configuration is checked as the
 * target release (`--utils-version`); once the preflight has read each host's `drbdadm --version`,
 * that host is planned again as its own release, which is what it checks and runs. Ctrl-C cancels: the runner stops the
 * remote work between or during steps and reports what ran.
 */
import { Writable } from 'node:stream';
import type { ReleaseVersion } from '../drbd/release.js';
import { planHosts } from '../reader/plan-hosts.js';
import { releaseOfDrbdadm } from '../../../common/src/remote/host-release.js';
import type { Replanned } from '../../../common/src/remote/preflight.js';
import { maskText, secretsOf } from '../../../common/src/remote/secrets.js';
import type { ConfigInput } from './config-input.js';
import { runRemote } from './up-remote.js';

export interface RemoteCommandOptions {
    sshConfig?: string;
    yes: boolean;
    /** The drbd-utils release the configuration is checked as (and hosts planned as until their own is known). */
    release: ReleaseVersion;
    /** Default: standard output / error. */
    out?: NodeJS.WritableStream;
    err?: NodeJS.WritableStream;
    /** Default: aborted by SIGINT. */
    signal?: AbortSignal;
}

/** `drbdconf up|down RES|all` over ssh on every host. */
export async function remoteCommand(verb: 'up' | 'down', input: ConfigInput, selection: string[] | 'all', options: RemoteCommandOptions): Promise<number> {
    const planned = planHosts(verb, input.mainFile, input.source, selection, options.release);
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
    // The configuration check is the target release's: re-planning a host changes only its commands.
    const replan = (host: string, drbdadmVersion: string): Replanned => {
        const release = releaseOfDrbdadm(drbdadmVersion);
        if (!release) throw new Error(`'${drbdadmVersion}' is no drbd-utils release`);
        const again = planHosts(verb, input.mainFile, input.source, selection, options.release, () => release.release, host);
        if (!('plans' in again)) throw new Error(again.message.trim());
        return { plan: again.plans[0]!, release };
    };
    try {
        return await runRemote(verb, planned.plans, { sshConfig: options.sshConfig, yes: options.yes, out, err, signal, target: options.release, replan });
    } finally {
        cleanup();
    }
}

/** A stream that masks secrets in each chunk (the runner writes whole lines). */
export function masked(target: NodeJS.WritableStream, secrets: string[]): NodeJS.WritableStream {
    return new Writable({
        write(chunk: Buffer | string, _encoding, done) {
            target.write(maskText(chunk.toString(), secrets));
            done();
        },
    });
}
