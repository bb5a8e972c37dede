/**
 * Every release whose outputs are recorded in test/fixtures/releases (made from the binaries by
 * scripts/record-release-fixtures.mjs): our CLI, told `--utils-version RELEASE`, agrees with what
 * that release's drbdadm printed on each fixture config — verdict, reported lines, node-ids, and
 * the up/down plans of every host byte for byte. Needs no drbdadm.
 */
import { describe, expect, it } from 'vitest';
import { compareDump, comparePlan, type Comparison } from './compare.js';
import { caseNormalizer, fixtureCases, readRecording, recordedReleases } from './fixtures.js';

const releases = recordedReleases();
const cases = fixtureCases();

describe('recorded release outputs', () => {
    it('hold the four releases CI has', () => {
        expect(releases).toEqual(['9.15.0', '9.22.0', '9.28.0', '9.34.0']);
    });

    describe.each(releases)('drbd-utils %s', (release) => {
        it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
            const recording = readRecording(release, c);
            expect(recording, `no recording of ${c.name} for ${release} (node scripts/record-release-fixtures.mjs)`).toBeDefined();
            const normalize = caseNormalizer(c);
            const comparisons: Comparison[] = compareDump(c.main, release, recording!.dump);
            for (const host of c.hosts) {
                for (const verb of ['up', 'down'] as const) {
                    const want = recording![`${verb}.${host}`];
                    expect(want, `no ${verb}.${host} recorded`).toBeDefined();
                    comparisons.push(comparePlan(verb, c.main, host, release, want, normalize));
                }
            }
            const failed = comparisons.filter((x) => !x.ok);
            expect(failed.map((x) => `✗ ${x.what}\n${x.detail ?? ''}`).join('\n')).toBe('');
        });
    });
});
