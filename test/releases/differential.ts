/**
 * The generated differential against any drbdadm binary: its release from `drbdadm --version`,
 * our CLI reading the configs as that release, compared (./compare.ts) on the configs of both
 * generators — `dump all` on all of them, the up/down plans of every host on those of the up
 * generator. drbdadm runs as the oracles run it (fresh UTS + network namespaces, pinned env,
 * called by name through PATH with its own directory first).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { releaseOfVersionOutput } from '../../server/src/drbd/installed-release.js';
import { resolveRelease, type ResolvedRelease } from '../../server/src/drbd/release.js';
import { drbdadmAs, NO_SECTION_HOST, ORACLE_ENV, releaseAt, type OracleRelease } from '../oracle.js';
import { configText } from '../drbd/post-parse/gen-config.js';
import { configArb } from '../drbd/up/gen-config.js';
import { runDrbdadm, type OracleCall } from '../drbd/up/oracle.js';
import { compareDump, comparePlan, type Comparison } from './compare.js';

export { tally } from './compare.js';

/** A drbdadm binary to compare with: its oracle (release as it says) and the known release we read configs as. */
export interface Subject {
    path: string;
    oracle: OracleRelease;
    /** The release we read configs as, and why it is not the binary's own (when it is not). */
    target: ResolvedRelease;
}

/** The drbdadm at `path`, or why it cannot be compared with (not named drbdadm, no release in its --version). */
export function subjectAt(path: string): Subject | { problem: string } {
    const file = resolve(path);
    // The oracle calls it by name through PATH, as the corpus does (by absolute path it would print
    // the drbdsetup/drbdmeta commands with absolute paths too).
    if (basename(file) !== 'drbdadm') return { problem: `${path}: must be named drbdadm (it is run by name, its directory first on PATH)` };
    const r = spawnSync(file, ['--version'], { encoding: 'utf8', env: ORACLE_ENV, stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    if (r.error) return { problem: `${path}: ${r.error.message}` };
    const release = releaseOfVersionOutput(r.stdout ?? '');
    if (!release) return { problem: `${path} --version printed no DRBDADM_VERSION=X.Y.Z (exit ${r.status}): ${(r.stdout + r.stderr).trim().slice(0, 200)}` };
    return { path: file, oracle: releaseAt(release, dirname(file)), target: resolveRelease(release)! };
}

/** Why drbdadm cannot run in fresh UTS + network namespaces here, if it cannot. */
export function namespaceProblem(): string | undefined {
    const r = spawnSync('unshare', ['-u', '-n', 'true'], { encoding: 'utf8', env: ORACLE_ENV, stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
    if (r.error) return `cannot run unshare(1): ${r.error.message} (install util-linux)`;
    if (r.status !== 0) return `unshare -u -n fails (${(r.stderr ?? '').trim() || `exit ${r.status}`}): drbdadm runs in fresh UTS + network namespaces, which needs root`;
    return undefined;
}

export interface DifferentialOptions {
    runs: number;
    seed: number;
    concurrency?: number;
    /** Told after each config, with the comparisons made on it. */
    progress?: (done: number, total: number) => void;
}

/** One config's comparisons, each mismatch's detail prefixed with the config. */
function labelled(label: string, text: string, comparisons: Comparison[]): Comparison[] {
    return comparisons.map((c) => ({ ...c, what: `${label}: ${c.what}`, ...(c.ok ? {} : { detail: `--- config ${label}\n${text}${c.detail ?? ''}` }) }));
}

/**
 * `runs` configs of each generator (sampled with `seed`), compared with `subject`. Every config
 * gives a verdict comparison (and lines, node-ids); those of the up generator also up and down plans
 * on each of their hosts.
 */
export async function runDifferential(subject: Subject, options: DifferentialOptions): Promise<Comparison[]> {
    const { runs, seed, concurrency = 2 } = options;
    const release = subject.target.release;
    const jobs = [
        ...fc.sample(configArb, { seed, numRuns: runs }).map((c, i) => ({ label: `up-gen #${i}`, text: c.text, hosts: c.hosts })),
        ...fc.sample(configText, { seed, numRuns: runs }).map((text, i) => ({ label: `post-parse-gen #${i}`, text, hosts: [] as string[] })),
    ];
    const root = mkdtempSync(join(tmpdir(), 'drbdconf-differential-'));
    const results: Comparison[][] = [];
    let next = 0;
    let done = 0;
    try {
        await Promise.all(Array.from({ length: concurrency }, async () => {
            while (next < jobs.length) {
                const k = next++;
                const job = jobs[k];
                const dir = join(root, `c${k}`);
                mkdirSync(dir);
                const file = join(dir, 'drbd.conf');
                writeFileSync(file, job.text);
                const comparisons = compareDump(file, release, await drbdadmAs(NO_SECTION_HOST, ['-c', file, 'dump', 'all'], 10_000, subject.oracle));
                const calls: OracleCall[] = job.hosts.flatMap((host) => (['up', 'down'] as const).map((verb) => ({ host, verb, selection: ['all'] })));
                if (calls.length) {
                    try {
                        const plans = await runDrbdadm(dir, file, calls, { ...subject.oracle.env });
                        calls.forEach((call, j) => comparisons.push(comparePlan(call.verb, file, call.host, release, plans[j])));
                    } catch (e) {
                        comparisons.push({ kind: 'up', ok: false, what: 'drbdadm -d up/down', detail: `drbdadm could not run: ${(e as Error).message}\n` });
                    }
                }
                results[k] = labelled(job.label, job.text, comparisons);
                options.progress?.(++done, jobs.length);
            }
        }));
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
    return results.flat();
}
