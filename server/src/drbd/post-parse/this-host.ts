/**
 * Which host section is "this host" (drbdadm's set_me_in_resource), and the host-name matching
 * rule drbdadm uses everywhere: for `on` sections, `host NAME` lines and mesh names alike.
 */
import type { Address, HnameAddress, HostInfo, Resource } from '../model.js';
import { hostnameInList, hostnamesEqual } from '../hostnames.js';
import type { Report } from './report.js';

export { hostnameInList, hostnamesEqual };

/** drbdadm's names_to_str: the names joined by `sep`, or `UNKNOWN` for none. */
export function namesToStr(names: readonly string[], sep = ' '): string {
    return names.length ? names.join(sep) : 'UNKNOWN';
}

/** The first host section of the resource with a name matching `name`. */
export function findHostInfoByName(res: Resource, name: string): HostInfo | undefined {
    return res.allHosts.find((h) => hostnameInList(name, h.onHosts));
}

/** Endpoints created for stacked sections carry the `_`-joined names instead of a real host name. */
export function findHostInfoByHa(res: Resource, ha: HnameAddress): HostInfo | undefined {
    if (!ha.fakedHostname) return findHostInfoByName(res, ha.name);
    return res.allHosts.find((h) => ha.name === namesToStr(h.onHosts, '_'));
}

/** How a host section is named in drbdadm's messages: `on A B` or `stacked-on-top-of LOWER`. */
export function sectionTitle(host: HostInfo): string {
    return host.lower ? `stacked-on-top-of ${host.lower.name}` : `on ${namesToStr(host.onHosts)}`;
}

export interface ThisHost {
    hostname: string;
    /** drbdadm proxy commands match the host by the `proxy on` names instead. */
    matchOnProxy: boolean;
    /** Whether an address is configured on an UP interface of this host (floating sections). */
    haveIp: (af: string, addr: string) => boolean;
}

/** With the proxy commands, a host section is ours when a proxy of its endpoints runs here. */
function proxyRunsHere(res: Resource, host: HostInfo, me: ThisHost): boolean {
    for (const conn of res.connections)
        for (const path of conn.paths)
            for (const ha of path.hnameAddresses)
                if (ha.proxy && ha.hostInfo === host) return hostnameInList(me.hostname, ha.proxy.onHosts);
    return false;
}

function matchesThisHost(res: Resource, host: HostInfo, me: ThisHost): boolean {
    if (me.matchOnProxy) return proxyRunsHere(res, host, me);
    if (host.byAddress) {
        // The hostname equal to the address text is drbdadm's debugging aid (__DRBD_NODE__=ADDR).
        return me.haveIp(host.address.af ?? '', host.address.addr ?? '') || me.hostname === host.address.addr;
    }
    if (host.lower) return host.lower.me !== undefined;
    if (host.onHosts.length === 0) return false;
    return hostnameInList(me.hostname, host.onHosts) || host.onHosts[0] === '_this_host';
}

/** Sets res.me (or res.ignore), and each path's local endpoint. */
export function setMeInResource(res: Resource, me: ThisHost, report: Report): void {
    for (const host of res.allHosts) {
        if (!matchesThisHost(res, host, me)) continue;
        if (res.me && res.me !== host && !me.matchOnProxy) {
            report.error('host/multiple-for-this-node',
                `in resource ${res.name}, ${sectionTitle(res.me)} { ... } ... ${sectionTitle(host)} { ... }:\n` +
                '\tThere are multiple host sections for this node.', host.loc,
                { file: res.loc.file, line: host.loc.line });
        }
        res.me = host;
        host.usedAsMe = true;
        if (host.lower) res.stacked = true;
    }
    if (!res.me) {
        res.ignore = true;
        return;
    }
    const myHost = res.me;
    for (const conn of res.connections) {
        for (const path of conn.paths) {
            const ha = path.hnameAddresses.find((h) => h.hostInfo?.usedAsMe);
            if (!ha) {
                if (!conn.peer) conn.ignore = true;
                continue;
            }
            const info = ha.hostInfo!;
            // A stacked resource's path from the lower resource's other node is not ours.
            if (!ha.fakedHostname && info.lower?.me && !hostnameInList(ha.name, info.lower.me.onHosts))
                path.ignore = true;
            ha.usedAsMe = true;
            path.myAddress ??= hasAddr(ha.address) ? ha.address : myHost.address;
            path.myProxy = ha.proxy;
        }
    }
}

function hasAddr(a: Address): boolean {
    return a.addr !== undefined;
}
