/**
 * With the release binaries at hand (the installed 9.22.0 always; the others from DRBD_UTILS_DIR,
 * present in CI): the recorded fixtures are still exactly what each binary prints (so they cannot
 * go stale), and `npm run differential`'s core agrees with each binary on a few generated configs.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRBD_UTILS_DIR, INSTALLED_RELEASE, otherReleases, type OracleRelease } from '../oracle.js';
import { runDifferential, subjectAt } from './differential.js';
import { fixtureCases, readRecording, recordCase } from './fixtures.js';

const RUNS = 4;
const others = otherReleases();
if (others.missing) console.log(`other drbd-utils releases not checked: ${others.missing}`);

function liveChecks(oracle: OracleRelease, drbdadm: string) {
    it('prints what its fixtures recorded', async () => {
        const stale: string[] = [];
        for (const c of fixtureCases()) {
            const recorded = readRecording(oracle.release, c) ?? {};
            const now = await recordCase(c, oracle);
            const keys = [...new Set([...Object.keys(now), ...Object.keys(recorded)])].sort();
            stale.push(...keys.filter((k) => JSON.stringify(now[k]) !== JSON.stringify(recorded[k])).map((k) => `${c.name}/${k}`));
        }
        expect(stale, 'stale fixtures: run node scripts/record-release-fixtures.mjs').toEqual([]);
    });

    it(`agrees with us on ${RUNS} generated configs of each generator`, async () => {
        const subject = subjectAt(drbdadm);
        if ('problem' in subject) throw new Error(subject.problem);
        expect(subject.oracle.release).toBe(oracle.release);
        const failed = (await runDifferential(subject, { runs: RUNS, seed: 7 })).filter((c) => !c.ok);
        expect(failed.slice(0, 2).map((c) => `✗ ${c.what}\n${c.detail}`).join('\n'), `${failed.length} comparisons failed`).toBe('');
    });
}

describe(`drbd-utils ${INSTALLED_RELEASE.release} (installed)`, () => liveChecks(INSTALLED_RELEASE, '/usr/sbin/drbdadm'));

for (const oracle of others.releases) describe(`drbd-utils ${oracle.release}`, () => liveChecks(oracle, join(DRBD_UTILS_DIR, oracle.release, 'drbdadm')));
if (others.missing) it.skip(`other drbd-utils releases: ${others.missing}`, () => {});
