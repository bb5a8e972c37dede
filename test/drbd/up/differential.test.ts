/**
 * Differential test against the installed drbdadm 9.22: for generated configs and every host
 * named in them, `drbdconf up|down --dry-run all` prints exactly what `drbdadm -d up|down all`
 * prints, and succeeds exactly when drbdadm does.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dryRunCommand } from '../../../server/src/cli/plan-dry-run.js';
import { configArb } from './gen-config.js';
import { runDrbdadm, runOurs, type OracleCall } from './oracle.js';
import { openConfig } from '../../../server/src/cli/config-input.js';
import { DEFAULT_RELEASE } from '../../../server/src/drbd/release.js';

const RUNS = 300;
/** What the drbdadm outputs must show somewhere, or the generator has lost a feature. */
const FEATURES: Record<string, RegExp> = {
    'peer-device options': /peer-device-options .*--bitmap=no/, 'diskless minor': /new-minor .* --diskless/,
    'ipv6 path': /new-path .*ipv6:\\\[/, 'proxy inside address': /new-path .* ipv4:127\.0\.0\.\d+:/,
    'flexible external meta-data': /flex-external/, 'indexed meta-data': /drbdmeta \d+ v09 \/dev\/md\d \d /,
    'floating peer name': /--_name=10\.\d+\.0\.\d+:\d+/, 'second path': /new-path .*172\.16\./,
    'inherited options': /new-peer .*--_name=\S+ --/, 'two resources': /new-resource r1/,
};
const CONCURRENCY = 4;
const root = mkdtempSync(join(tmpdir(), 'drbdconf-up-diff-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('dry-run equals drbdadm -d (generated configs)', () => {
    it(`agrees on ${RUNS} configs for every host, up and down`, async () => {
        const configs = fc.sample(configArb, { seed: 20240522, numRuns: RUNS });
        const mismatches: string[] = [];
        const seen = new Set<string>();
        const exits = new Set<number>();
        let compared = 0;
        let succeeded = 0;
        const queue = configs.map((c, i) => ({ c, i }));
        await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
            for (let job = queue.shift(); job; job = queue.shift()) {
                const dir = join(root, `c${job.i}`);
                mkdirSync(dir);
                const file = join(dir, 'drbd.conf');
                writeFileSync(file, job.c.text);
                const calls: OracleCall[] = job.c.hosts.flatMap((host) => (['up', 'down'] as const).map((verb) => ({ host, verb, selection: ['all'] })));
                let want;
                try {
                    want = await runDrbdadm(dir, file, calls);
                } catch (e) {
                    mismatches.push(`config c${job.i}: ${(e as Error).message}\n${job.c.text}`);
                    continue;
                }
                calls.forEach((call, k) => {
                    const w = want[k];
                    const got = runOurs((out, err) => dryRunCommand(call.verb, openConfig(file, process.cwd()), call.host, 'all', DEFAULT_RELEASE, out, err));
                    compared++;
                    exits.add(w.rc);
                    for (const [f, re] of Object.entries(FEATURES)) if (re.test(w.out)) seen.add(f);
                    if (w.rc === 0) succeeded++;
                    if (got.out !== w.out || (got.rc === 0) !== (w.rc === 0))
                        mismatches.push(`config c${job.i}, ${call.verb} on ${call.host}: rc ${got.rc} vs drbdadm ${w.rc}\n${job.c.text}--- drbdadm\n${w.out}${w.err}--- drbdconf\n${got.out}${got.err}`);
                });
            }
        }));
        expect(mismatches.slice(0, 3).join('\n=====\n')).toBe('');
        expect(mismatches.length).toBe(0);
        // The generator must mostly produce configs drbdadm accepts, or the comparison says little.
        expect(succeeded / compared).toBeGreaterThan(0.5);
        expect(Object.keys(FEATURES).filter((f) => !seen.has(f))).toEqual([]);
        expect([...exits]).toEqual(expect.arrayContaining([0, 1, 10]));
    }, 150_000);
});
