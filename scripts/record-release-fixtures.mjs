// node scripts/record-release-fixtures.mjs
// Records what each drbd-utils release at hand prints for our fixed fixture configs (the installed
// drbdadm, 9.22.0, and every release in DRBD_UTILS_DIR): `dump all`, and `-d up all` / `-d down all`
// on each host, into test/fixtures/releases/RELEASE/CASE/ (see test/releases/fixtures.ts).
// Needs root (drbdadm runs in fresh UTS + network namespaces, as the oracles run it).
import { spawnSync } from 'node:child_process';
import { importTs } from '../test/bench/ts-run.mjs';

const { fixtureCases, recordCase, releasesAtHand, writeRecording } = await importTs('test/releases/fixtures.ts');

const { releases, missing } = releasesAtHand();
if (missing) console.log(`record-release-fixtures: ${missing}; recording the installed release only`);
for (const oracle of releases) {
    // The directory a recording goes to must be the release that printed it.
    const version = spawnSync('drbdadm', ['--version'], { encoding: 'utf8', env: oracle.env }).stdout ?? '';
    if (!version.includes(`DRBDADM_VERSION=${oracle.release}\n`)) {
        console.error(`record-release-fixtures: the drbdadm on ${oracle.env.PATH} is not ${oracle.release}:\n${version}`);
        process.exit(1);
    }
    const cases = fixtureCases();
    for (const c of cases) writeRecording(oracle.release, c, await recordCase(c, oracle));
    console.log(`${oracle.release}: ${cases.length} cases recorded`);
}
