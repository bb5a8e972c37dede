/**
 * Peer devices (fixup_peer_devices): a connection's `volume N {}` must name a volume of both
 * endpoints' hosts; every volume of the first endpoint's host gets a peer device.
 */
import type { Resource } from '../model.js';
import type { PostParseContext } from './context.js';
import { E_ABORTED } from './report.js';
import { volumeNumbered } from './volumes.js';

export function fixupPeerDevices(ctx: PostParseContext, res: Resource): void {
    for (const conn of res.connections) {
        const path = conn.paths[0];
        if (!path) continue;
        for (const pd of conn.peerDevices)
            for (const ha of path.hnameAddresses) {
                if (ha.name === '_remote_host' || !ha.hostInfo) continue;
                if (ha.hostInfo.volumes.some((v) => v.vnr === pd.vnr)) continue;
                ctx.report.error('volume/unknown-in-connection',
                    `Resource ${res.name}: There is a reference to a volume ${pd.vnr} that is not known in this resource on host ${ha.name}`,
                    pd.loc, { file: res.loc.file, line: pd.loc.line });
            }
        const someHost = path.hnameAddresses[0]?.hostInfo;
        if (!someHost) {
            // drbdadm asserts the config was found invalid before; when it was not (an implicit
            // connection between two host sections without addresses) it aborts (9.15 segfaults)
            if (ctx.report.valid) {
                ctx.report.error('connection/no-endpoints',
                    `drbdadm aborts here (assertion in fixup_peer_devices): resource ${res.name}'s connection has no endpoint with an address; give the host sections an \`address\``,
                    conn.loc);
                ctx.report.exit(E_ABORTED);
            }
            continue;
        }
        // Made at their length, not grown by push (which leaves room for 16 more in each list).
        const added = someHost.volumes.filter((vol) => !volumeNumbered(conn.peerDevices, vol.vnr))
            .map((vol) => ({ vnr: vol.vnr, pdOptions: [], loc: conn.loc, implicit: true }));
        if (added.length) conn.peerDevices = conn.peerDevices.length ? [...conn.peerDevices, ...added] : added;
    }
}
