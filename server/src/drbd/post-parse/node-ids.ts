/**
 * The node-ids drbdadm ends up with, and why: for the CLI (`drbdconf node-ids`, equal to what
 * `drbdadm dump all` prints) and for hovers.
 */
import type { Config, HostInfo, Loc } from '../model.js';
import { deriveImplicitNodeIds } from './implicit-node-id.js';
import { namesToStr } from './this-host.js';

/** `drbdadm dump` prints `on NAME...` only for real `on` sections (not floating, stacked or implicit ones). */
function dumpedAsOn(host: HostInfo): boolean {
    return !host.implicit && !host.byAddress && host.lowerName === undefined && host.onHosts.length > 0;
}

/** Resource → `on` section names as dump prints them (`A B` for `on A B`) → node-id, after postParse. */
export function computeNodeIds(config: Config): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const res of config.resources)
        for (const host of res.allHosts)
            if (dumpedAsOn(host) && host.nodeId !== undefined) (out[res.name] ??= {})[namesToStr(host.onHosts)] = Number(host.nodeId);
    return out;
}

export interface NodeIdExplanation {
    /** The section as drbdadm names it: `on A B`, `floating 10.0.0.1:7788`, `stacked-on-top-of R`. */
    section: string;
    loc: Loc;
    nodeId?: number;
    source: 'explicit' | 'implicit' | 'missing';
    /** For implicit ids: the sentence explaining the hash comparison. */
    reason?: string;
}

export interface ConnectionExplanation {
    implicit: boolean;
    /** Endpoints as `NAME (AF:ADDR:PORT)`. */
    endpoints: string[][];
}

export interface ResourceNodeIds {
    hosts: NodeIdExplanation[];
    connections: ConnectionExplanation[];
}

function sectionName(host: HostInfo): string {
    if (host.lowerName !== undefined) return `stacked-on-top-of ${host.lowerName}`;
    if (host.byAddress) return `floating ${namesToStr(host.onHosts)}`;
    return `on ${namesToStr(host.onHosts)}`;
}

/** Why each host of `resource` has its node-id, and the connections/paths drbdadm derived (after postParse). */
export function explainNodeIds(config: Config, resource: string): ResourceNodeIds | undefined {
    const res = config.resources.find((r) => r.name === resource);
    if (!res) return undefined;
    const reasons = new Map<HostInfo, string>();
    for (const conn of res.connections) {
        const d = deriveImplicitNodeIds(conn);
        if (!d?.ids || d.hosts.some((h) => h.nodeIdLoc !== undefined)) continue;
        const [a, b] = d.hosts;
        const texts = d.hosts.map((h, i) => `crc32c("${d.proxyFallback ? 'proxy outside of ' : ''}${h.address.addr}") = ${d.hashes[i]}`);
        const rule = `implicit: ${texts.join(' vs ')} (signed); the larger hash gets node-id 0`;
        for (const h of [a, b]) if (!reasons.has(h)) reasons.set(h, rule);
    }
    const hosts = res.allHosts.map((host): NodeIdExplanation => {
        const base = { section: sectionName(host), loc: host.loc };
        if (host.nodeId === undefined) return { ...base, source: 'missing' };
        const nodeId = Number(host.nodeId);
        const reason = reasons.get(host);
        return reason && host.nodeIdLoc === undefined ? { ...base, nodeId, source: 'implicit', reason } : { ...base, nodeId, source: 'explicit' };
    });
    const connections = res.connections.map((conn) => ({
        implicit: conn.implicit,
        endpoints: conn.paths.map((p) => p.hnameAddresses.map((ha) => {
            const a = ha.address.addr !== undefined ? ha.address : ha.hostInfo?.address;
            return a?.addr !== undefined ? `${ha.name} (${a.af}:${a.addr}:${a.port})` : ha.name;
        })),
    }));
    return { hosts, connections };
}
