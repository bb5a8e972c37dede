/**
 * drbdadm's set_peer_in_resource / set_peer_in_connection, computed without touching the model:
 * for every connection this host takes part in, the peer host section and, per path, the local
 * address, the peer's address and the address to connect to (this host's proxy `inside` when the
 * peer is reached through a proxy). Runs after post-parse, which marked this host's endpoints.
 */
import type { Address, Connection, HnameAddress, HostInfo, Loc, Path, Resource } from '../model.js';
import { findHostInfoByHa } from '../post-parse/this-host.js';
import { atLeast, type ReleaseVersion } from '../release.js';

export interface PeerPath {
    path: Path;
    my: Address;
    connectTo: Address;
}

export interface PeerConnection {
    conn: Connection;
    /** Unset when drbdadm could not determine the peer (it then dereferences NULL if asked). */
    peer?: HostInfo;
    paths: PeerPath[];
}

export interface PeerError {
    message: string;
    loc: Loc;
}

export interface ResourcePeers {
    /** The connections not ignored on this host, in the resource's order. */
    connections: PeerConnection[];
    /** drbdadm's errors from set_peer_in_connection (each clears config_valid). */
    errors: PeerError[];
}

export function setPeerInResource(res: Resource, release: ReleaseVersion): ResourcePeers {
    const out: ResourcePeers = { connections: [], errors: [] };
    if (res.ignore || !res.me) return out;
    for (const conn of res.connections) {
        if (conn.ignore) continue;
        out.connections.push(setPeerInConnection(res, res.me, conn, out.errors, release));
    }
    return out;
}

function setPeerInConnection(res: Resource, me: HostInfo, conn: Connection, errors: PeerError[], release: ReleaseVersion): PeerConnection {
    const pc: PeerConnection = { conn, peer: conn.peer, paths: [] };
    const fail = (text: string) => errors.push({ message: `in connection in resource ${res.name}:\n\t${text}`, loc: conn.loc });
    for (const path of conn.paths) {
        const mine = firstMine(path, me);
        const candidates = path.hnameAddresses.filter((ha) => ha !== mine && !(ha.usedAsMe ?? false));
        if (path.hnameAddresses.length < 2) {
            fail("Missing statement 'host <PEER> '.");
            return pc;
        }
        if (candidates.length !== 1 || path.hnameAddresses.length !== 2) {
            fail('Bug in set_peer_in_connection()');
            return pc;
        }
        const candidate = candidates[0];
        if (!pc.peer) {
            pc.peer = findHostInfoByHa(res, candidate);
            if (!pc.peer) {
                fail(`Can not find host_info for ${candidate.name}`);
                return pc;
            }
        }
        // Post-parse completed each endpoint's address from its host section; since 9.23.0 a peer
        // behind NAT (`via outside-address`) is reached at its outside address.
        const outside = atLeast(release, '9.23.0') ? candidate.outsideAddress : undefined;
        const peerAddress = outside?.addr !== undefined ? outside : candidate.address.addr !== undefined ? candidate.address : pc.peer.address;
        const my = path.myAddress ?? (mine?.address.addr !== undefined ? mine.address : me.address);
        const myProxy = path.myProxy ?? mine?.proxy;
        if (path.ignore) continue;
        pc.paths.push({ path, my, connectTo: myProxy ? myProxy.inside : peerAddress });
    }
    return pc;
}

/** The endpoint post-parse took as this host's: the first one of this host's section. */
function firstMine(path: Path, me: HostInfo): HnameAddress | undefined {
    return path.hnameAddresses.find((ha) => ha.usedAsMe) ?? path.hnameAddresses.find((ha) => ha.hostInfo === me);
}
