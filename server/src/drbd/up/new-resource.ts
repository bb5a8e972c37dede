/** `drbdsetup new-resource RES MY_NODE_ID` with the resource options (`options {}`). */
import type { HostInfo, Resource } from '../model.js';
import type { ReleaseVersion } from '../release.js';
import { optionArgs } from './option-args.js';
import type { Scheduled } from './stages.js';

export function newResource(res: Resource, me: HostInfo, release: ReleaseVersion): Scheduled {
    return {
        stage: 'prereq',
        resource: res.name,
        argv: ['drbdsetup', 'new-resource', res.name, me.nodeId ?? '', ...optionArgs(res.resOptions, release)],
        loc: me.nodeIdLoc ?? me.loc,
    };
}
