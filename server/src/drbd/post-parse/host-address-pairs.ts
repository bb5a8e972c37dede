/**
 * Resolving connection endpoints (set_host_info_in_host_address_pairs): each `host NAME` /
 * `address` endpoint is tied to its host section and completed with that section's address and
 * port; implicit connections then get their implicit node-ids.
 */
import type { Address, Connection, HnameAddress, HostInfo, Path, Resource } from '../model.js';
import { endpointFile, type PostParseContext } from './context.js';
import { deriveImplicitNodeIds } from './implicit-node-id.js';
import { E_EXEC_ERROR } from './report.js';
import { findHostInfoByHa, namesToStr } from './this-host.js';

/** Every path of an explicit connection needs exactly two endpoints (must_have_two_hosts). */
export function mustHaveTwoHosts(ctx: PostParseContext, res: Resource, conn: Connection): void {
    for (const path of conn.paths) {
        if (path.hnameAddresses.length === 2) continue;
        ctx.report.error('connection/needs-two-endpoints',
            `Resource ${res.name}: ${path.implicit ? 'connection' : 'path'} needs to have two endpoints`,
            path.implicit ? conn.loc : path.loc, { file: res.loc.file, line: path.loc.line });
    }
}

function findHostInfoByAddress(res: Resource, a: Address): HostInfo | undefined {
    return res.allHosts.find((h) => h.address.addr !== undefined && h.address.addr === a.addr && h.address.af === a.af && h.address.port === a.port);
}

/** Returns false where drbdadm stops looking at this path. */
function resolveEndpoint(ctx: PostParseContext, res: Resource, conn: Connection, ha: HnameAddress): boolean {
    const at = { file: endpointFile(ctx, res), line: conn.implicit ? 0 : ha.loc.line };
    let info: HostInfo | undefined;
    if (ha.byAddress) {
        info = findHostInfoByAddress(res, ha.address);
        // drbdadm crashes here (no host section has this address); say what is wrong instead.
        if (!info) {
            ctx.report.error('connection/address-without-host-section',
                `in resource ${res.name} the address ${ha.address.addr}:${ha.address.port} of this endpoint belongs to no host section`,
                ha.address.loc ?? ha.loc);
            return false;
        }
        ha.name = namesToStr(info.onHosts, '_');
    } else {
        info = findHostInfoByHa(res, ha);
    }
    if (!info && ha.name === '_remote_host') {
        if (!conn.peer) return true;
        info = conn.peer;
    }
    if (!info) {
        ctx.report.error('connection/unknown-host',
            `in resource ${res.name} a hostname ("${ha.name}") is given\nwith a "host" keyword, has no "address" keyword, and no matching\nhost section ("on" keyword)`,
            ha.loc, at);
        return false;
    }
    ha.hostInfo = info;
    const a = ha.address;
    if (a.addr !== undefined && a.af !== undefined && a.port !== undefined) return true;
    let haveAddress = true;
    let havePort = true;
    if (a.addr === undefined || a.af === undefined) {
        if (info.address.addr !== undefined && info.address.af !== undefined) {
            a.addr = info.address.addr;
            a.af = info.address.af;
        } else haveAddress = false;
    }
    if (a.port === undefined) {
        if (info.address.port !== undefined) a.port = info.address.port;
        else havePort = false;
    }
    if (!(haveAddress && havePort)) {
        const what = `${haveAddress ? '' : 'address'}${haveAddress !== havePort ? '' : ' and '}${havePort ? '' : 'port'}`;
        ctx.report.error('connection/endpoint-incomplete',
            `Resource ${res.name}, host ${ha.name}: cannot determine which ${what} to use`, ha.loc, at);
    }
    return true;
}

function resolvePath(ctx: PostParseContext, res: Resource, conn: Connection, path: Path, drbdadmReaches: () => boolean): void {
    for (const ha of path.hnameAddresses) {
        if (ha.hostInfo) {
            // Endpoints of implicit connections: the host section is known, it needs an address.
            if (ha.hostInfo.address.addr === undefined) {
                ctx.report.error('mesh/host-without-address',
                    `"connection-mesh" (for "${res.name}") with a host ("${ha.name}") that has no "address" defined`,
                    ha.loc);
                return;
            }
        } else if (!resolveEndpoint(ctx, res, conn, ha)) return;
    }
    if (!conn.implicit) return;
    const hosts = path.hnameAddresses.filter((ha) => ha.hostInfo).map((ha) => ha.hostInfo!);
    if (hosts.length !== 2 || hosts[0].nodeId !== undefined || hosts[1].nodeId !== undefined) return;
    const derived = deriveImplicitNodeIds(conn);
    if (derived?.ids) {
        hosts[0].nodeId = String(derived.ids[0]);
        hosts[1].nodeId = String(derived.ids[1]);
        return;
    }
    hosts.forEach((h, i) => {
        ctx.report.error('node-id/equal-hashes', 'BAD LUCK, equal hashes', h.address.loc ?? h.loc);
        // drbdadm prints it once; the second host's copy is for the editor.
        if (i > 0) ctx.report.diagnostics.at(-1)!.editorOnly = true;
    });
    for (const h of hosts)
        ctx.report.info('node-id/equal-hashes-consequence',
            `drbdadm derives implicit node-ids from the hashes of the address texts ("${h.address.addr}" on both ` +
            'hosts) and stops with exit code 20. Set `node-id` in every host section, or give the hosts different addresses.',
            h.address.loc ?? h.loc);
    if (drbdadmReaches()) ctx.report.exit(E_EXEC_ERROR);
}

/**
 * @param drbdadmReaches whether drbdadm gets this far (it skips a resource once the config is
 * invalid), which decides whether "BAD LUCK" ends it with exit code 20.
 */
export function setHostInfoInHostAddressPairs(ctx: PostParseContext, res: Resource, conn: Connection, drbdadmReaches: () => boolean): void {
    for (const path of conn.paths) resolvePath(ctx, res, conn, path, drbdadmReaches);
}
