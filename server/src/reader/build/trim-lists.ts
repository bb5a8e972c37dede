import type { Resource } from '../../drbd/model.js';
import { exact } from '../../syntax/exact-list.js';

/**
 * The lists building and post-parse push onto (a resource's volumes, hosts, connections, their
 * paths, endpoints and peer devices), cut to their length: for resources the cache keeps, once
 * nothing adds to them any more. Post-parsed copies have lists of their own there (copyOf).
 */
export function trimLists(res: Resource): void {
    res.volumes = exact(res.volumes);
    res.allHosts = exact(res.allHosts);
    for (const host of res.allHosts) host.volumes = exact(host.volumes);
    res.connections = exact(res.connections);
    for (const conn of res.connections) {
        conn.paths = exact(conn.paths);
        conn.peerDevices = exact(conn.peerDevices);
        for (const path of conn.paths) path.hnameAddresses = exact(path.hnameAddresses);
    }
}
