/** `drbdsetup connect RES PEER_ID`: the last stage, after paths, options and disks are set. */
import type { Resource } from '../model.js';
import type { PeerConnection } from './peer-in-resource.js';
import type { Scheduled } from './stages.js';

export function connect(res: Resource, pc: PeerConnection): Scheduled {
    return { stage: 'net-connect', resource: res.name, argv: ['drbdsetup', 'connect', res.name, pc.peer?.nodeId ?? ''], loc: pc.conn.loc };
}
