/**
 * `connection-mesh { hosts A B C; }` becomes one implicit connection per pair, in the order
 * (A,B), (A,C), (B,C); the mesh's `net` options are inherited into each of them.
 */
import type { HostInfo, Mesh, Resource } from '../model.js';
import type { PostParseContext } from './context.js';
import { expandOpts } from './expand-common.js';
import { implicitConnection, implicitEndpoint } from './implicit-connections.js';
import { findHostInfoByName } from './this-host.js';

function findMeshHost(ctx: PostParseContext, res: Resource, host: Mesh['hosts'][number]): HostInfo | undefined {
    const info = findHostInfoByName(res, host.name);
    if (!info) {
        ctx.report.error('mesh/unknown-host',
            `in resource ${res.name}:\n\tThere is no 'on' section for hostname '${host.name}' named in the connection-mesh`,
            host.loc, { file: res.loc.file, line: res.loc.line });
    } else if (info.proxyCompatOnly && ctx.report.valid) {
        ctx.report.error('mesh/proxy-in-on-section',
            `in resource ${res.name}:\n\tThere is a drbd-8.x proxy config syntax within an 'on' section and you are using\n\t` +
            'the \'mesh\' keyword from drbd-9.x syntax. That does not work together.\n\n\t' +
            'Use an explicit connection to configure a proxy and omit that pair of hosts\n\tfrom the mesh.',
            info.proxyCompatOnly.loc, { file: res.loc.file, line: info.loc.line });
    }
    return info;
}

export function createConnectionsFromMesh(ctx: PostParseContext, res: Resource, mesh: Mesh): void {
    for (let i = 0; i < mesh.hosts.length; i++) {
        const hi1 = findMeshHost(ctx, res, mesh.hosts[i]);
        if (!hi1) return;
        for (let j = i + 1; j < mesh.hosts.length; j++) {
            const hi2 = findMeshHost(ctx, res, mesh.hosts[j]);
            if (!hi2) return;
            if (hi1 === hi2) continue;
            const conn = implicitConnection(res, [meshEndpoint(hi1, mesh.hosts[i].loc), meshEndpoint(hi2, mesh.hosts[j].loc)], mesh.loc);
            // create_connections_from_mesh(): copied with expand_opts for every command, dump included.
            conn.netOptions = expandOpts(ctx, res, 'net', mesh.netOptions, conn.netOptions, true);
            res.connections.push(conn);
        }
    }
}

/** Mesh endpoints always use the host's first name, never a proxy. */
function meshEndpoint(host: HostInfo, loc: Mesh['hosts'][number]['loc']) {
    return { ...implicitEndpoint(host, undefined), name: host.onHosts[0] ?? 'UNKNOWN', address: {}, fakedHostname: false, parsedAddress: false, loc };
}
