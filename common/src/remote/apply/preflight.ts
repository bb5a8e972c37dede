import { randomBytes } from 'node:crypto';
import { hostnamesEqual } from '../../../../server/src/drbd/hostnames.js';
import { parseDryRun } from '../dry-run.js';
import { transportProblem, type PreflightProblem } from '../preflight.js';
import type { SshSession } from '../ssh.js';
import { sha256, type ApplyFile } from './files.js';
import { candidatePath, parseStage, stageCommand } from './scripts.js';

export type ApplyCheck = PreflightProblem['check'] | 'files' | 'upload' | 'candidate';

export interface ApplyProblem extends Omit<PreflightProblem, 'check'> {
    check: ApplyCheck;
}

/** One file on one host: what is there now and whether the candidate differs. */
export interface FileChange {
    file: ApplyFile;
    /** The host's current content; null when it has no such file. */
    before: Buffer | null;
    /** sha256 of `before`, '-' when absent. */
    oldHash: string;
    changed: boolean;
}

/** Which resources a host adjusts (those of the selection it has an `on` section in). */
export interface ApplyTarget {
    host: string;
    resources: string[];
}

export interface HostApplyPreflight {
    host: string;
    destination: string;
    resources: string[];
    ok: boolean;
    problems: ApplyProblem[];
    nodename?: string;
    drbdadmVersion?: string;
    kernelVersion?: string;
    /** The private temp dir holding the candidate files, once its creation was attempted. */
    tmp?: string;
    files: FileChange[];
    /** What the host's own `drbdadm -c TMP/… -d adjust RES…` printed: the commands adjust will run there. */
    adjust: string[][];
    durationMs: number;
}

export interface ApplyPreflightOptions {
    signal?: AbortSignal;
    /** Per remote command (default 20 s). */
    timeoutMs?: number;
}

/**
 * One host's preflight, changing nothing but a fresh private temp dir: reach and name (as Up's),
 * drbdadm and its release, the current files, the candidate files uploaded into the temp dir
 * (verified by sha256), and the host's own drbdadm on the candidate: `dump` (does it accept it?)
 * and `-d adjust` (the exact commands adjust will run against its live kernel state).
 */
export async function preflightHost(session: SshSession, target: ApplyTarget, files: readonly ApplyFile[], opts: ApplyPreflightOptions = {}): Promise<HostApplyPreflight> {
    const started = Date.now();
    const { host, resources } = target;
    const destination = session.destination(host);
    const r: HostApplyPreflight = { host, destination, resources, ok: false, problems: [], files: [], adjust: [], durationMs: 0 };
    const run = (argv: string[], input?: Buffer) => session.exec(host, argv, { timeoutMs: opts.timeoutMs ?? 20_000, signal: opts.signal, input });
    const done = () => {
        r.ok = r.problems.length === 0;
        r.durationMs = Date.now() - started;
        return r;
    };
    const tmp = `/tmp/drbdconf-apply.${randomBytes(8).toString('hex')}`;
    // The first command also opens the ControlMaster that the others reuse.
    const uname = await run(['uname', '-n']);
    const unreachable = transportProblem(uname, destination);
    if (unreachable) {
        r.problems.push(unreachable);
        return done();
    }
    r.tmp = tmp;
    // One round trip reads the current files and uploads the candidates (contents over stdin).
    const staging = stageCommand(tmp, files.map((f) => f.remote), files);
    const [version, stage] = await Promise.all([run(['drbdadm', '--version']), run(staging.argv, Buffer.from(staging.input))]);
    const failure = transportProblem(version, destination) ?? transportProblem(stage, destination);
    if (failure) {
        r.problems.push(failure);
        return done();
    }
    r.nodename = uname.stdout.trim();
    if (!hostnamesEqual(host, r.nodename))
        r.problems.push({ check: 'hostname', message: `${destination} calls itself '${r.nodename}', which is not '${host}': drbdadm there would act as another host` });
    if (version.exitCode !== 0)
        r.problems.push({
            check: 'drbdadm',
            message: version.exitCode === 127 ? `drbdadm is not installed on ${destination}` : `drbdadm --version failed on ${destination} (exit ${version.exitCode})`,
            detail: version.stderr.trim(),
        });
    r.drbdadmVersion = /^DRBDADM_VERSION=(.*)$/m.exec(version.stdout)?.[1];
    r.kernelVersion = /^DRBD_KERNEL_VERSION=(.*)$/m.exec(version.stdout)?.[1];
    const staged = stage.exitCode === 0 ? parseStage(stage.stdout, files.length, files.length) : undefined;
    if (!staged) {
        r.problems.push({ check: 'files', message: `could not read the current files and upload the new ones on ${destination} (exit ${stage.exitCode})`, detail: stage.stderr.trim() });
        return done();
    }
    for (const [i, file] of files.entries()) {
        const before = staged.current[i];
        if (before === 'notfile') {
            r.problems.push({ check: 'files', message: `${file.remote} on ${destination} exists but is not a regular file` });
            continue;
        }
        const oldHash = before ? sha256(before) : '-';
        r.files.push({ file, before, oldHash, changed: oldHash !== file.sha256 });
        if (staged.written[i] !== file.sha256) r.problems.push({ check: 'upload', message: `uploading ${file.rel} to ${destination} failed: its sha256 there differs` });
    }
    if (r.problems.length > 0) return done();

    const config = candidatePath(tmp, files[0].rel);
    const [dump, dry] = await Promise.all([run(['drbdadm', '-c', config, 'dump', ...resources]), run(['drbdadm', '-c', config, '-d', 'adjust', ...resources])]);
    for (const [what, res] of [['dump', dump], ['-d adjust', dry]] as const) {
        const t = transportProblem(res, destination);
        if (t) r.problems.push(t);
        else if (res.exitCode !== 0)
            r.problems.push({
                check: 'candidate',
                message: `drbdadm on ${destination} rejects the new configuration: '${what} ${resources.join(' ')}' exits ${res.exitCode}`,
                detail: res.stderr.trim(),
            });
    }
    if (r.problems.length === 0) r.adjust = parseDryRun(dry.stdout);
    return done();
}
