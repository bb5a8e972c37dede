/**
 * `drbdsetup new-peer RES PEER_ID --_name=PEER --<net options>`. The `_name` comes first: drbdadm
 * (create_implicit_net_options) puts the peer's names, joined by `_`, in front unless the net
 * options already carry one.
 */
import type { Option, Resource } from '../model.js';
import { namesToStr } from '../post-parse/this-host.js';
import type { ReleaseVersion } from '../release.js';
import { optionArgs } from './option-args.js';
import type { PeerConnection } from './peer-in-resource.js';
import type { Scheduled } from './stages.js';

export function netOptionsWithName(pc: PeerConnection): Option[] {
    const opts = pc.conn.netOptions;
    if (opts.some((o) => o.name === '_name') || !pc.peer) return opts;
    return [{ name: '_name', value: namesToStr(pc.peer.onHosts, '_'), loc: pc.peer.loc }, ...opts];
}

export function newPeer(res: Resource, pc: PeerConnection, release: ReleaseVersion): Scheduled {
    return {
        stage: 'net-prep-up',
        resource: res.name,
        argv: ['drbdsetup', 'new-peer', res.name, pc.peer?.nodeId ?? '', ...optionArgs(netOptionsWithName(pc), release)],
        loc: pc.conn.loc,
    };
}
