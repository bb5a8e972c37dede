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

/**
 * A connection post-parse creates, with its one path between `endpoints`. Its lists are made at
 * their length: one grown by push keeps room for 16 more, and a check of 5000 resources makes
 * 10 000 of them.
 */
export function implicitConnection(res: Resource, endpoints: HnameAddress[], loc = res.loc): Connection {
    return {
        paths: [{ loc, hnameAddresses: endpoints, implicit: true }],
        loc, peerDevices: [], netOptions: [], pdOptions: [], implicit: true, isStandalone: false,
    };
}

export function createImplicitConnections(ctx: PostParseContext, res: Resource): void {
    if (res.connections.length) return;
    const hosts = res.allHosts;
    if (hosts.length > 2) {
        ctx.report.warning('connection/implicit-more-than-two-hosts',
            `Resource ${res.name}:\n\tUse explicit 'connection' sections (or a 'connection-mesh' section) with more than two 'on' sections.`,
            hosts[2].loc);
        ctx.report.info('connection/implicit-more-than-two-hosts-consequence',
            `drbdadm accepts resource ${res.name} but connects none of its ${hosts.length} hosts: ` +
            '`drbdadm up` configures no peers. Add a `connection-mesh { hosts ...; }` or `connection` sections.',
            res.nameLoc);
        return;
    }
    if (hosts.length < 2) return;
    // A host section without a full address gets no endpoint.
    const endpoints = hosts.filter(({ address: a }) => a.af !== undefined && a.addr !== undefined && a.port !== undefined);
    res.connections = [implicitConnection(res, endpoints.map((host) => implicitEndpoint(host)))];
}
