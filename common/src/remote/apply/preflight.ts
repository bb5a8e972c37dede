import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { hostnamesEqual } from '../../../../server/src/drbd/hostnames.js';
import { parseDryRun } from '../dry-run.js';
import { transportProblem, type PreflightProblem } from '../preflight.js';
import type { ExecResult, SshSession } from '../ssh.js';
import { execTogether } from '../together.js';
import { sha256, type ApplyFile } from './files.js';
import { candidatePath, matchesCommand, parseMatches, parseStage, stageCommand } from './scripts.js';

export type ApplyCheck = PreflightProblem['check'] | 'files' | 'upload' | 'candidate' | 'stray';

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
    const done = () => {
        r.ok = r.problems.length === 0;
        r.durationMs = Date.now() - started;
        return r;
    };
    const tmp = `/tmp/drbdconf-apply.${randomBytes(8).toString('hex')}`;
    const config = candidatePath(tmp, files[0].rel);
    const staging = stageCommand(tmp, files.map((f) => f.remote), files);
    const includes = files.flatMap((f) => f.includes.map((pattern) => ({ dir: posix.dirname(f.remote), pattern, from: f.remote })));
    // One session and one round trip (which also opens the ControlMaster the later phases reuse):
    // name, release, current files read and candidates uploaded (contents over stdin), the host's
    // drbdadm on the candidates, and what the includes match there. The drbdadm runs only read;
    // their results count only when the upload was good.
    const [uname, version, stage, dump, dry, matched] = await execTogether(
        session,
        host,
        [
            { argv: ['uname', '-n'] },
            { argv: ['drbdadm', '--version'] },
            { argv: staging.argv, stdin: true },
            { argv: ['drbdadm', '-c', config, 'dump', ...resources] },
            { argv: ['drbdadm', '-c', config, '-d', 'adjust', ...resources] },
            { argv: matchesCommand(includes) },
        ],
        { timeoutMs: opts.timeoutMs ?? 20_000, signal: opts.signal, input: Buffer.from(staging.input) },
    );
    // Unless ssh never got to run the script (it failed to connect: 255, or could not start), the
    // temp dir may exist, also when cancelled or timed out: Apply removes it.
    if (uname.exitCode !== 255 && !uname.spawnError) r.tmp = tmp;
    const unreachable = transportProblem(uname, destination);
    if (unreachable) {
        r.problems.push(unreachable);
        return done();
    }
    // The session ended early (dropped, cancelled, timed out): the first command it did not finish says how.
    const failure = [version, stage, dump, dry, matched].map((res) => transportProblem(res, destination)).find((p) => p !== undefined);
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
    r.problems.push(...strayFiles(host, files, includes, matched));
    if (r.problems.length > 0) return done();

    for (const [what, res] of [['dump', dump], ['-d adjust', dry]] as const) {
        if (res.exitCode !== 0)
            r.problems.push({
                check: 'candidate',
                message: `drbdadm on ${destination} rejects the new configuration: '${what} ${resources.join(' ')}' exits ${res.exitCode}`,
                detail: res.stderr.trim(),
            });
    }
    if (r.problems.length === 0) r.adjust = parseDryRun(dry.stdout);
    return done();
}

/**
 * Files on the host that an include of the configuration matches there but that are not part of
 * it: once installed, the host's drbdadm reads them too, so adjust would not run what the preview
 * (the candidate alone, in the temp dir) showed. That stops the Apply: such a file is removed on
 * the host or added to the configuration first.
 */
function strayFiles(host: string, files: readonly ApplyFile[], includes: readonly { dir: string; pattern: string; from: string }[], matched: ExecResult): ApplyProblem[] {
    if (includes.length === 0) return [];
    if (matched.exitCode !== 0) return [{ check: 'stray', message: `could not list what the includes match on ${host} (exit ${matched.exitCode})`, detail: matched.stderr.trim() }];
    const ours = new Set(files.map((f) => f.remote));
    const problems: ApplyProblem[] = [];
    for (const [i, paths] of parseMatches(matched.stdout)) {
        const inc = includes[i];
        for (const path of paths.map((p) => posix.normalize(p)).filter((p) => !ours.has(p)))
            problems.push({
                check: 'stray',
                message: `on ${host}: ${path} is matched by include "${inc.pattern}" of ${inc.from} but is not in your configuration: drbdadm on ${host} would read it (remove it there, or add it to the configuration)`,
            });
    }
    return problems;
}
