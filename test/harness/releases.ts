/**
 * Another drbd-utils release for a simulated host: its drbdadm binary (bound over the host's
 * /usr/sbin/drbdadm, see rig.ts) and the oracle that runs the same binary locally, both from
 * DRBD_UTILS_DIR (test/oracle.ts).
 */
import { join } from 'node:path';
import { DRBD_UTILS_DIR, otherReleases, type OracleRelease } from '../oracle.js';

export interface HostRelease {
    release: string;
    drbdadm: string;
    oracle: OracleRelease;
}

/** The release, or undefined after printing why `what` is skipped (in CI the releases are there). */
export function hostRelease(release: string, what: string): HostRelease | undefined {
    const { releases, missing } = otherReleases();
    const oracle = releases.find((r) => r.release === release);
    if (oracle) return { release, drbdadm: join(DRBD_UTILS_DIR, release, 'drbdadm'), oracle };
    console.log(`skipped: ${what}: ${missing ?? `no drbd-utils ${release} in ${DRBD_UTILS_DIR}`}`);
    return undefined;
}
