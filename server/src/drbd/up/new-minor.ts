/** `drbdsetup new-minor RES MINOR VNR`, `--diskless` for a volume without a local disk. */
import type { Resource, Volume } from '../model.js';
import type { Scheduled } from './stages.js';

/** drbdadm prints the minor unsigned: an unset one (an invalid config) as 2^32-1. */
export function minorArg(vol: Volume): string {
    return String(vol.deviceMinor ?? 4294967295);
}

export function newMinor(res: Resource, vol: Volume): Scheduled {
    const argv = ['drbdsetup', 'new-minor', res.name, minorArg(vol), String(vol.vnr)];
    if (vol.disk === undefined) argv.push('--diskless');
    return { stage: 'disk-prep-up', resource: res.name, argv, loc: vol.deviceLoc ?? vol.loc };
}
