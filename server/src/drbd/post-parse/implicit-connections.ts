/**
 * A resource without `connection` and `connection-mesh` sections gets one implicit connection
 * between its two host sections (create_implicit_connections). With three or more host sections
 * drbdadm only warns and creates none, so `up` configures no peers.
 */
import type { Connection, HnameAddress, HostInfo, Resource } from '../model.js';
import type { PostParseContext } from './context.js';
import { namesToStr } from './this-host.js';

/** The endpoint drbdadm creates for a host section; stacked sections get a made-up name and their address. */
export function implicitEndpoint(host: HostInfo, proxy = host.proxyCompatOnly): HnameAddress {
    const faked = host.lower !== undefined;
    return {
        name: faked ? namesToStr(host.onHosts, '_') : host.onHosts[0] ?? 'UNKNOWN',
        loc: host.loc,
        address: faked ? { ...host.address } : {},
        proxy,
        byAddress: false,
        parsedAddress: faked,
        parsedPort: false,
        hostInfo: host,
        fakedHostname: faked,
    };
}

export function implicitConnection(res: Resource, loc = res.loc): Connection {
    return {
        paths: [{ loc, hnameAddresses: [], implicit: true }],
        loc, peerDevices: [], netOptions: [], pdOptions: [], implicit: true, isStandalone: false,
    };
}

export function createImplicitConnections(ctx: PostParseContext, res: Resource): void {
    if (res.connections.length) return;
    const conn = implicitConnection(res);
    let hosts = 0;
    for (const host of res.allHosts) {
        if (++hosts === 3) {
            ctx.report.warning('connection/implicit-more-than-two-hosts',
                `Resource ${res.name}:\n\tUse explicit 'connection' sections (or a 'connection-mesh' section) with more than two 'on' sections.`,
                host.loc);
            ctx.report.info('connection/implicit-more-than-two-hosts-consequence',
                `drbdadm accepts resource ${res.name} but connects none of its ${res.allHosts.length} hosts: ` +
                '`drbdadm up` configures no peers. Add a `connection-mesh { hosts ...; }` or `connection` sections.',
                res.nameLoc);
            break;
        }
        const a = host.address;
        if (a.af !== undefined && a.addr !== undefined && a.port !== undefined)
            conn.paths[0].hnameAddresses.push(implicitEndpoint(host));
    }
    if (hosts === 2) res.connections.push(conn);
}
