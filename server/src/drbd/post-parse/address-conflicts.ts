/**
 * An address:port may be used by several connections of one resource, but not by another
 * resource, and not by both endpoints of a path (check_addr_conflict). Loopback addresses are
 * exempt; IPv4/IPv6 addresses compare numerically, others as text.
 */
import type { Address, Connection, Config, HnameAddress, Loc, Resource } from '../model.js';
import type { PostParseContext } from './context.js';
import { isLoopbackBytes, parseIpv4, parseIpv6 } from './inet.js';

function sameIp(parse: (s: string) => number[] | undefined, a: string, b: string): boolean {
    const x = parse(a);
    const y = parse(b);
    return x !== undefined && y !== undefined && x.every((v, i) => v === y[i]);
}

/** drbdadm's addresses_equal: the address (numerically for ipv4/ipv6), then port and family as text. */
export function addressesEqual(a: Address, b: Address): boolean {
    const afA = a.af?.toLowerCase();
    const afB = b.af?.toLowerCase();
    let ips = false;
    if (afA === 'ipv4' && afB === 'ipv4') ips = sameIp(parseIpv4, a.addr ?? '', b.addr ?? '');
    else if (afA === 'ipv6' && afB === 'ipv6') ips = sameIp(parseIpv6, a.addr ?? '', b.addr ?? '');
    return (ips || a.addr === b.addr) && a.port === b.port && a.af === b.af;
}

/**
 * A key that two addresses share exactly when addressesEqual holds: the family and port as text,
 * the address as bytes when it parses for its family, else as text (a text that parses cannot
 * equal one that does not). Lets the conflict check look addresses up instead of scanning.
 * Undefined for a loopback address, which is exempt.
 */
function computeConflictKey(a: Address): string | undefined {
    const text = a.addr ?? '';
    const v6 = parseIpv6(text);
    const v4 = v6 ? undefined : parseIpv4(text);
    if (isLoopbackBytes(v4, v6)) return undefined;
    const af = a.af?.toLowerCase();
    const bytes = af === 'ipv4' ? v4 : af === 'ipv6' ? v6 : undefined;
    const addr = bytes ? `=${bytes.join('.')}` : a.addr === undefined ? '' : `"${a.addr}`;
    return `${a.af ?? ''}\0${a.port ?? '\0'}\0${addr}`;
}

/** Keys by address: the language server's analyses bring most addresses again (resources replayed by its cache). */
const conflictKeys = new WeakMap<Address, string | null>();

function conflictKey(a: Address): string | undefined {
    let key = conflictKeys.get(a);
    if (key === undefined) conflictKeys.set(a, (key = computeConflictKey(a) ?? null));
    return key ?? undefined;
}

/** The address an endpoint uses: its own, else its host section's. */
function endpointAddress(ha: HnameAddress): Address {
    return ha.address.addr !== undefined ? ha.address : ha.hostInfo?.address ?? ha.address;
}

function addressLoc(ha: HnameAddress): Loc {
    return ha.address.loc ?? ha.hostInfo?.address.loc ?? ha.loc;
}

function fmt(a: Address): string {
    return `${a.af}:${a.addr}:${a.port}`;
}

function findEndpointInResource(res: Resource, a: Address): { ha: HnameAddress; conn: Connection } | undefined {
    for (const conn of res.connections)
        for (const path of conn.paths)
            for (const ha of path.hnameAddresses)
                if (addressesEqual(a, endpointAddress(ha))) return { ha, conn };
    return undefined;
}

/** drbdadm's line of an endpoint: 0 for the endpoints it created itself. */
function lineOf(conn: Connection, loc: Loc): number {
    return conn.implicit ? 0 : loc.line;
}

/** Counted loops, for the reason expandCommon gives: every endpoint of every resource is read here. */
export function checkAddrConflicts(ctx: PostParseContext, config: Config): void {
    const seen = new Map<string, Resource>();
    const conflicting = new Set<HnameAddress>();
    for (let r = 0; r < config.resources.length; r++) {
        const res = config.resources[r];
        for (let c = 0; c < res.connections.length; c++) {
            const conn = res.connections[c];
            for (let p = 0; p < conn.paths.length; p++) {
                const path = conn.paths[p];
                let first: { a: Address; key: string } | undefined;
                let pairEqual = false;
                let used = 0;
                for (let e = 0; e < path.hnameAddresses.length; e++) {
                    const ha = path.hnameAddresses[e];
                    if (!ha.hostInfo && ha.address.addr === undefined) continue;
                    const a = endpointAddress(ha);
                    const key = conflictKey(a);
                    if (key === undefined) continue;
                    const firstRes = seen.get(key);
                    if (!firstRes) seen.set(key, res);
                    else if (firstRes !== res) {
                        if (conflicting.has(ha)) continue;
                        const found = findEndpointInResource(firstRes, a);
                        if (!found || conflicting.has(found.ha)) continue;
                        const other = found.ha;
                        const otherLine = lineOf(found.conn, other.loc);
                        ctx.report.error('address/duplicate',
                            `in resource ${res.name}\n    ${fmt(a)} is also used ${firstRes.loc.file}:${otherLine} (resource ${firstRes.name})`,
                            addressLoc(ha), { file: res.loc.file, line: lineOf(conn, ha.loc) });
                        ctx.report.error('address/duplicate',
                            `${fmt(a)} is also used in resource ${res.name} (${res.loc.file}:${lineOf(conn, ha.loc)})`,
                            addressLoc(other));
                        // A twin on the first use, for the editor: drbdadm prints only the line above.
                        ctx.report.diagnostics.at(-1)!.editorOnly = true;
                        conflicting.add(ha);
                        conflicting.add(other);
                    }
                    // Equal keys are a cheap test; addressesEqual has the last word.
                    if (++used === 1) first = { a, key };
                    else if (used === 2) pairEqual = first!.key === key && addressesEqual(first!.a, a);
                }
                if (used === 2 && pairEqual) {
                    const last = path.hnameAddresses[path.hnameAddresses.length - 1];
                    ctx.report.error('address/same-for-both-endpoints',
                        `in resource ${res.name} ${fmt(first!.a)} is used for both endpoints`,
                        addressLoc(last), { file: res.loc.file, line: lineOf(conn, conn.loc) });
                }
            }
        }
    }
}
