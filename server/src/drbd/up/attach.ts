/**
 * Attaching a local disk (drbdadm_main.c adm_attach()): the meta-data steps, then
 * `drbdsetup attach MINOR DISK MDDEV IDX --<disk options>`. Each meta-data step is
 * `drbdmeta MINOR v09 MDDEV IDX CMD`: MDDEV is the disk itself for internal meta-data, and
 * drbdmeta spells a flexible external index `flex-external`.
 */
import type { Resource, Volume } from '../model.js';
import { atLeast, type ReleaseVersion } from '../release.js';
import { optionArgs } from './option-args.js';
import type { Scheduled } from './stages.js';
import { minorArg } from './new-minor.js';

/**
 * The drbdmeta commands adm_attach() runs first: `repair-md` (fixes up the UUIDs, and moves
 * internal meta-data after a backing-device resize) since 9.24.0, then `apply-al` (replays the
 * activity log).
 */
function metaDataSteps(release: ReleaseVersion): string[] {
    return atLeast(release, '9.24.0') ? ['repair-md', 'apply-al'] : ['apply-al'];
}

/** For a volume that has a disk (new-minor decides the diskless case). */
export function attach(res: Resource, vol: Volume, release: ReleaseVersion): Scheduled[] {
    const base = { stage: 'disk' as const, resource: res.name, loc: vol.diskLoc ?? vol.loc };
    const { disk, metaDisk, metaIndex } = vol;
    if (disk === undefined || metaDisk === undefined || metaIndex === undefined)
        return [{ ...base, argv: [], error: 'The attach command requires a local disk, but the configuration gives none.\n' }];
    const minor = minorArg(vol);
    const mdDev = metaDisk === 'internal' ? disk : metaDisk;
    const mdIdx = metaIndex === 'flexible' ? (metaDisk === 'internal' ? 'flex-internal' : 'flex-external') : metaIndex;
    return [
        ...metaDataSteps(release).map((cmd) => ({ ...base, argv: ['drbdmeta', minor, 'v09', mdDev, mdIdx, cmd] })),
        { ...base, argv: ['drbdsetup', 'attach', minor, disk, mdDev, metaIndex, ...optionArgs(vol.diskOptions, release)] },
    ];
}
