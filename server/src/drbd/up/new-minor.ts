/**
 * `drbdsetup new-minor RES MINOR VNR`, `--diskless` for a volume without a local disk, then
 * (drbdadm_main.c adm_new_minor(), since 9.24.0) the device options such as `--block-size`.
 */
import type { Resource, Volume } from '../model.js';
import { atLeast, type ReleaseVersion } from '../release.js';
import { optionArgs } from './option-args.js';
import type { Scheduled } from './stages.js';

/** drbdadm prints the minor unsigned: an unset one (an invalid config) as 2^32-1. */
export function minorArg(vol: Volume): string {
    return String(vol.deviceMinor ?? 4294967295);
}

export function newMinor(res: Resource, vol: Volume, release: ReleaseVersion): Scheduled {
    const argv = ['drbdsetup', 'new-minor', res.name, minorArg(vol), String(vol.vnr)];
    if (vol.disk === undefined) argv.push('--diskless');
    if (atLeast(release, '9.24.0')) argv.push(...optionArgs(vol.deviceOptions ?? [], release));
    return { stage: 'disk-prep-up', resource: res.name, argv, loc: vol.deviceLoc ?? vol.loc };
}
