import type { Address, HostInfo, Resource, Volume } from '../../drbd/model.js';
import { explainNodeIds, type NodeIdExplanation } from '../../drbd/post-parse/index.js';
import type { Analysis } from '../../reader/analyze.js';

function addressText(a: Address | undefined): string | undefined {
    return a?.addr === undefined ? undefined : `${a.af ?? 'ipv4'}:${a.addr}:${a.port ?? ''}`;
}

function nodeIdLine(h: NodeIdExplanation | undefined): string {
    switch (h?.source) {
        case 'explicit': return `**node-id ${h.nodeId}** (\`node-id\` in the section)`;
        case 'implicit': return `**node-id ${h.nodeId}**, computed by drbdadm: none is written (${h.reason})`;
        default: return "**no node-id**: drbdadm fails with `'node-id' keyword missing`";
    }
}

function volumeLine(v: Volume): string {
    const device = v.device ?? (v.deviceMinor !== undefined ? `/dev/drbd${v.deviceMinor}` : '(no device)');
    const meta = v.metaDisk === undefined ? '' : v.metaDisk === 'internal' ? ', meta-data internal' : `, meta-data ${v.metaDisk}${v.metaIndex !== undefined ? `[${v.metaIndex}]` : ''}`;
    const minor = v.deviceMinor !== undefined && device !== `/dev/drbd${v.deviceMinor}` ? ` (minor ${v.deviceMinor})` : '';
    return `- volume ${v.vnr}${v.implicit ? ' (implicit)' : ''}: ${device}${minor} on ${v.disk ?? '(no disk)'}${meta}`;
}

/** The connections of `res` this host takes part in: per path, its own address and the peer's. */
function connectionLines(res: Resource, host: HostInfo): string[] {
    const lines: string[] = [];
    for (const conn of res.connections) {
        const paths = conn.paths.flatMap((path) => {
            const mine = path.hnameAddresses.find((ha) => ha.hostInfo === host);
            const peer = path.hnameAddresses.find((ha) => ha !== mine);
            if (!mine || !peer) return [];
            const own = addressText(mine.address.addr !== undefined ? mine.address : host.address) ?? '(no address)';
            const theirs = addressText(peer.address.addr !== undefined ? peer.address : peer.hostInfo?.address) ?? '(no address)';
            return [{ peer: peer.name, text: `${own} ↔ ${peer.name} ${theirs}` }];
        });
        if (paths.length === 0) continue;
        const kind = conn.implicit ? 'implicit (derived by drbdadm)' : 'explicit';
        lines.push(`- to **${paths[0]!.peer}**, ${kind}: ${paths.map((p) => p.text).join('; ')}`);
    }
    return lines;
}

/**
 * Markdown for the host section of `resource` named `name`: its node-id (and whether drbdadm
 * computed it), its volumes and devices, and its connections with the addresses of each path.
 */
export function hostMarkdown(analyses: readonly Analysis[], resource: string, name: string): string | undefined {
    const analysis = analyses.find((a) => a.config.resources.some((r) => r.name === resource));
    const res = analysis?.config.resources.find((r) => r.name === resource);
    const index = res?.allHosts.findIndex((h) => h.onHosts.includes(name)) ?? -1;
    if (!analysis || !res || index < 0) return undefined;
    const host = res.allHosts[index]!;
    const title = `**Host ${name} in resource ${resource}**`;
    if (!analysis.postParsed) return `${title}\n\ndrbdadm stops at the syntax errors of this configuration before it computes node-ids and connections.`;
    const explained = explainNodeIds(analysis.config, resource)?.hosts[index];
    const own = addressText(host.address);
    const lines = [title, '', nodeIdLine(explained), ''];
    if (own) lines.push(`Address: ${own}`, '');
    lines.push('**Volumes**', '', ...(host.volumes.length ? host.volumes.map(volumeLine) : ['- none']), '');
    const connections = connectionLines(res, host);
    lines.push('**Connections**', '', ...(connections.length ? connections : ['- none: drbdadm configures no peers for this host']));
    return lines.join('\n');
}
