/**
 * Differential test against the real drbdadm: for generated configs and every host named in
 * them, `drbdconf up|down --dry-run --utils-version X all` prints exactly what release X's
 * `drbdadm -d up|down all` prints, and succeeds exactly when drbdadm does. The installed 9.22
 * gets the most configs; every release in DRBD_UTILS_DIR (see otherReleases) fewer, each its own.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dryRunCommand } from '../../../server/src/cli/plan-dry-run.js';
import { openConfig } from '../../../server/src/cli/config-input.js';
import { atLeast } from '../../../server/src/drbd/release.js';
import { INSTALLED_RELEASE, otherReleases, type OracleRelease } from '../../oracle.js';
import { configArb } from './gen-config.js';
import { runDrbdadm, runOurs, type OracleCall } from './oracle.js';

const INSTALLED_RUNS = 100;
const OTHER_RUNS = 40;
/** What the drbdadm outputs must show somewhere, or the generator has lost a feature. */
const FEATURES: Record<string, RegExp> = {
    'peer-device options': /peer-device-options .*--bitmap=no/, 'diskless minor': /new-minor .* --diskless/,
    'ipv6 path': /new-path .*ipv6:\\\[/, 'proxy inside address': /new-path .* ipv4:127\.0\.0\.\d+:/,
    'flexible external meta-data': /flex-external/, 'indexed meta-data': /drbdmeta \d+ v09 \/dev\/md\d \d /,
    'floating peer name': /--_name=10\.\d+\.0\.\d+[:_]\d+/, 'second path': /new-path .*172\.16\./,
    'inherited options': /new-peer .*--_name=\S+ --/, 'two resources': /new-resource r1/,
    'peer named by several names': /--_name=\S{64}/,
};
/** Features only some releases show: [since, pattern]. */
const RELEASE_FEATURES: Record<string, [string, RegExp]> = {
    'repair-md before apply-al': ['9.24.0', /repair-md\n.*apply-al/],
};
const CONCURRENCY = 4;
const root = mkdtempSync(join(tmpdir(), 'drbdconf-up-diff-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function compare(oracle: OracleRelease, runs: number, seed: number, accepted: number) {
    const configs = fc.sample(configArb, { seed, numRuns: runs });
    const mismatches: string[] = [];
    const seen = new Set<string>();
    const exits = new Set<number>();
    let compared = 0;
    let succeeded = 0;
    const queue = configs.map((c, i) => ({ c, i }));
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
            const dir = join(root, `${oracle.release}-c${job.i}`);
            mkdirSync(dir);
            const file = join(dir, 'drbd.conf');
            writeFileSync(file, job.c.text);
            const calls: OracleCall[] = job.c.hosts.flatMap((host) => (['up', 'down'] as const).map((verb) => ({ host, verb, selection: ['all'] })));
            let want;
            try {
                want = await runDrbdadm(dir, file, calls, oracle.env);
            } catch (e) {
                mismatches.push(`config c${job.i}: ${(e as Error).message}\n${job.c.text}`);
                continue;
            }
            calls.forEach((call, k) => {
                const w = want[k];
                const got = runOurs((out, err) => dryRunCommand(call.verb, openConfig(file, process.cwd()), call.host, 'all', oracle.release, out, err));
                compared++;
                exits.add(w.rc);
                for (const [f, re] of Object.entries(FEATURES)) if (re.test(w.out)) seen.add(f);
                for (const [f, [, re]] of Object.entries(RELEASE_FEATURES)) if (re.test(w.out)) seen.add(f);
                if (w.rc === 0) succeeded++;
                if (got.out !== w.out || (got.rc === 0) !== (w.rc === 0))
                    mismatches.push(`config c${job.i}, ${call.verb} on ${call.host}: rc ${got.rc} vs drbdadm ${w.rc}\n${job.c.text}--- drbdadm\n${w.out}${w.err}--- drbdconf\n${got.out}${got.err}`);
            });
        }
    }));
    expect(mismatches.slice(0, 3).join('\n=====\n')).toBe('');
    expect(mismatches.length).toBe(0);
    // The generator must mostly produce configs drbdadm accepts, or the comparison says little.
    expect(succeeded / compared).toBeGreaterThan(accepted);
    return { seen, exits };
}

const releaseFeatures = (release: string) =>
    Object.entries(RELEASE_FEATURES).filter(([, [since]]) => atLeast(release, since)).map(([f]) => f);

describe('dry-run equals drbdadm -d (generated configs)', () => {
    it(`agrees with the installed ${INSTALLED_RELEASE.release} on ${INSTALLED_RUNS} configs for every host, up and down`, async () => {
        const { seen, exits } = await compare(INSTALLED_RELEASE, INSTALLED_RUNS, 20240522, 0.5);
        expect([...Object.keys(FEATURES), ...releaseFeatures(INSTALLED_RELEASE.release)].filter((f) => !seen.has(f))).toEqual([]);
        expect([...exits]).toEqual(expect.arrayContaining([0, 1, 10]));
    }, 120_000);

    const others = otherReleases();
    if (others.missing) it.skip(`other drbd-utils releases: ${others.missing}`, () => {});
    others.releases.forEach((oracle, i) => {
        it(`agrees with ${oracle.release} on ${OTHER_RUNS} configs`, async () => {
            // Fewer configs, and older releases refuse more of them.
            const { seen } = await compare(oracle, OTHER_RUNS, 20251202 + i, 0.4);
            expect(releaseFeatures(oracle.release).filter((f) => !seen.has(f))).toEqual([]);
        }, 60_000);
    });
});
