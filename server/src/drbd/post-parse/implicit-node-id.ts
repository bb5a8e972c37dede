/**
 * drbd-8.x compatibility: the two hosts of a connection drbdadm created itself get node-ids 0 and 1
 * from the hashes of their addresses when neither has a `node-id` (behaviour §3). Equal hashes fall
 * back to the 8.x proxies' outside addresses; still equal is "BAD LUCK".
 */
import type { Connection, HostInfo } from '../model.js';
import { addressHash } from './crc32c.js';

export interface ImplicitNodeIds {
    hosts: [HostInfo, HostInfo];
    /** The hashes compared (signed, as drbdadm compares them). */
    hashes: [number, number];
    /** The proxy fallback replaced (some of) the hashes. */
    proxyFallback: boolean;
    /** Undefined when the hashes are equal (BAD LUCK). */
    ids?: [number, number];
}

function idsFromHashes(h: [number, number]): [number, number] | undefined {
    if (h[0] > h[1]) return [0, 1];
    if (h[0] < h[1]) return [1, 0];
    return undefined;
}

/**
 * The ids drbdadm derives for the first path of an implicit connection whose two hosts have
 * addresses; undefined when the rule does not apply.
 */
export function deriveImplicitNodeIds(conn: Connection): ImplicitNodeIds | undefined {
    const path = conn.paths[0];
    if (!conn.implicit || !path) return undefined;
    const endpoints = path.hnameAddresses.filter((ha) => ha.hostInfo);
    if (endpoints.length !== 2) return undefined;
    const hosts: [HostInfo, HostInfo] = [endpoints[0].hostInfo!, endpoints[1].hostInfo!];
    if (hosts.some((h) => h.address.addr === undefined)) return undefined;
    const hashes: [number, number] = [addressHash(hosts[0].address.addr!), addressHash(hosts[1].address.addr!)];
    let ids = idsFromHashes(hashes);
    if (ids) return { hosts, hashes, proxyFallback: false, ids };
    // Walk the endpoints in order, replacing hashes until the first one without a proxy.
    for (let i = 0; i < 2; i++) {
        const proxy = endpoints[i].proxy;
        if (!proxy) break;
        hashes[i] = addressHash(proxy.outside.addr ?? '');
    }
    ids = idsFromHashes(hashes);
    return { hosts, hashes, proxyFallback: true, ids };
}
