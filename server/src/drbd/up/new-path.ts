/** `drbdsetup new-path RES PEER_ID LOCAL REMOTE`, one per path of a connection. */
import type { Address, Resource } from '../model.js';
import type { PeerConnection } from './peer-in-resource.js';
import type { Scheduled } from './stages.js';

/** `AF:ADDR:PORT`, IPv6 in brackets; the parser already stores `sci` as `ssocks`. */
export function addressArg(a: Address): string {
    const af = a.af === 'sci' ? 'ssocks' : a.af ?? 'ipv4';
    return af === 'ipv6' ? `${af}:[${a.addr}]:${a.port}` : `${af}:${a.addr}:${a.port}`;
}

export function newPaths(res: Resource, pc: PeerConnection): Scheduled[] {
    return pc.paths.map((p) => ({
        stage: 'net-path' as const,
        resource: res.name,
        argv: ['drbdsetup', 'new-path', res.name, pc.peer?.nodeId ?? '', addressArg(p.my), addressArg(p.connectTo)],
        loc: p.path.loc,
    }));
}
