/**
 * Attaching a local disk: `drbdmeta MINOR v09 MDDEV IDX apply-al` (replay the activity log) then
 * `drbdsetup attach MINOR DISK MDDEV IDX --<disk options>`. MDDEV is the disk itself for internal
 * meta-data; drbdmeta spells a flexible external index `flex-external`.
 */
import type { Resource, Volume } from '../model.js';
import { optionArgs } from './option-args.js';
import type { Scheduled } from './stages.js';
import { minorArg } from './new-minor.js';

/** For a volume that has a disk (new-minor decides the diskless case). */
export function attach(res: Resource, vol: Volume): Scheduled[] {
    const base = { stage: 'disk' as const, resource: res.name, loc: vol.diskLoc ?? vol.loc };
    const { disk, metaDisk, metaIndex } = vol;
    if (disk === undefined || metaDisk === undefined || metaIndex === undefined)
        return [{ ...base, argv: [], error: 'The attach command requires a local disk, but the configuration gives none.\n' }];
    const minor = minorArg(vol);
    const mdDev = metaDisk === 'internal' ? disk : metaDisk;
    const mdIdx = metaIndex === 'flexible' ? (metaDisk === 'internal' ? 'flex-internal' : 'flex-external') : metaIndex;
    return [
        { ...base, argv: ['drbdmeta', minor, 'v09', mdDev, mdIdx, 'apply-al'] },
        { ...base, argv: ['drbdsetup', 'attach', minor, disk, mdDev, metaIndex, ...optionArgs(vol.diskOptions)] },
    ];
}
