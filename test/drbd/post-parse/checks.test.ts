import { describe, expect, it } from 'vitest';
import { postParse } from '../../../server/src/drbd/post-parse/index.js';
import { config, connection, endpoint, FILE, loc, mesh, on, opt, resource, vol, vol0 } from './factory.js';

const errors = (c: ReturnType<typeof config>, hostname = 'corpus-oracle') => {
    const r = postParse(c, { hostname });
    return { ...r, errors: r.diagnostics.filter((d) => d.severity === 'error' && !d.drbdadmEcho).map((d) => [d.code, d.loc.line]) };
};
const two = (extra: Partial<Parameters<typeof on>[1]> = {}) => [
    on('hw1', { address: '10.0.0.1:7788', ...extra }),
    on('hw2', { address: '10.0.0.2:7788', line: 4, ...extra }),
];

describe('post-parse checks', () => {
    it('warns (exit 0) for three host sections without connections, and explains the consequence', () => {
        const c = config(resource('r0', [...two(), on('hw3', { address: '10.0.0.3:7788', line: 5, nodeId: 2 })], { volumes: [vol0(1)] }));
        const r = postParse(c, { hostname: 'x' });
        expect(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => [d.code, d.loc.line]))
            .toEqual([['connection/implicit-more-than-two-hosts', 5]]);
        expect(r.diagnostics.some((d) => d.severity === 'info' && d.code === 'connection/implicit-more-than-two-hosts-consequence')).toBe(true);
        expect(c.resources[0].connections).toEqual([]);
        // no implicit connection → no implicit node-ids for hw1/hw2 either
        expect(r.exitCode).toBe(10);
    });

    it('reports a mesh host without `on` section at the mesh name, echoed at the resource line', () => {
        const c = config(resource('r0', two({ nodeId: undefined }), { volumes: [vol0(1)], meshes: [mesh(6, 'hw1', 'hw4')], line: 2 }));
        const r = postParse(c, { hostname: 'x' });
        const d = r.diagnostics.filter((x) => x.code === 'mesh/unknown-host');
        expect(d.map((x) => [x.loc.line, !!x.drbdadmEcho])).toEqual([[6, false], [2, true]]);
        expect(d[0].message).toBe("in resource r0:\n\tThere is no 'on' section for hostname 'hw4' named in the connection-mesh");
    });

    it('requires addresses of mesh hosts, once per mesh connection', () => {
        const c = config(resource('r0', [...two(), on('hw3', { nodeId: 2, line: 5 })], { volumes: [vol0(1)], meshes: [mesh(6, 'hw1', 'hw2', 'hw3')] }));
        const r = errors(c);
        expect(r.errors).toEqual([['mesh/host-without-address', 6], ['mesh/host-without-address', 6]]);
    });

    it('demands node-ids with explicit connections', () => {
        const c = config(resource('r0', two(), { volumes: [vol0(1)], connections: [connection(5, endpoint('hw1', 6), endpoint('hw2', 7))] }));
        expect(errors(c).errors).toEqual([['node-id/missing', 3], ['node-id/missing', 4]]);
    });

    it('resolves endpoints and reports unknown hosts and missing addresses at drbdadm\'s lines', () => {
        const c = config(resource('r0', [on('hw1', { address: '10.0.0.1:7788', nodeId: 0 }), on('hw2', { nodeId: 1, line: 4 })], {
            volumes: [vol0(1)],
            connections: [connection(5, endpoint('hw1', 6), endpoint('hw2', 7)), connection(8, endpoint('hw1', 9), endpoint('hw4', 10, '10.0.0.5:7788'))],
        }));
        const r = errors(c);
        expect(r.errors).toEqual([['connection/endpoint-incomplete', 7], ['connection/unknown-host', 10]]);
        const msgs = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
        expect(msgs[0]).toBe('Resource r0, host hw2: cannot determine which address and port to use');
    });

    it('needs two endpoints per explicit connection', () => {
        const c = config(resource('r0', two({ nodeId: 0 }), { volumes: [vol0(1)], connections: [connection(5, endpoint('hw1', 6))] }));
        expect(errors(c).errors[0]).toEqual(['connection/needs-two-endpoints', 5]);
    });

    it('reports volume sets that differ and mixed implicit/explicit volumes at the end of the main file', () => {
        const c = config(resource('r0', [on('hw1', { address: '10.0.0.1:7788' }),
            on('hw2', { address: '10.0.0.2:7788', line: 4, volumes: [vol(1, { deviceMinor: 3, device: '/dev/drbd3' })] })], { volumes: [vol0(1)] }));
        const r = postParse(c, { hostname: 'x' });
        const codes = r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.loc.file, d.loc.line]);
        expect(codes).toEqual([
            ['volume/missing-on-host', FILE, 3], ['volume/missing-on-host', FILE, 99],
            ['volume/mixed-implicit-explicit', FILE, 1], ['volume/mixed-implicit-explicit', FILE, 99],
        ]);
    });

    it('needs a device in every host volume, and a disk when meta-data is given', () => {
        const c = config(resource('r0', [on('hw1', { address: '10.0.0.1:7788', volumes: [vol(0, { metaDisk: '/dev/sdc', metaIndex: '0' })] }),
            on('hw2', { address: '10.0.0.2:7788', line: 4, volumes: [vol(0, { deviceMinor: 1 })] })]));
        expect(errors(c).errors).toEqual([['device/missing', 1], ['disk/missing', 1]]);
    });

    it('stops at a minor used twice for one host across resources (inherited from the resource level)', () => {
        const r0 = resource('r0', two(), { volumes: [vol0(1)] });
        const r1 = resource('r1', [on('hw1', { address: '10.0.1.1:7788', line: 12 }), on('hw2', { address: '10.0.1.2:7788', line: 13 })],
            { volumes: [vol0(1, '/dev/sdc1', 11)], line: 10 });
        const r = errors(config(r0, r1));
        expect(r.exitCode).toBe(10);
        expect(r.errors.slice(0, 2)).toEqual([['device-minor/duplicate', 11], ['device-minor/duplicate', 2]]);
        expect(r.diagnostics[0].message).toBe(`conflicting use of device-minor 'device-minor:hw1:1' ...\n${FILE}:2: device-minor 'device-minor:hw1:1' first used here.`);
    });

    it('reports a shared external meta-disk at the `volume` lines, as drbdadm does for statements in volume blocks', () => {
        const md = (vnr: number, line: number) => vol(vnr, { deviceMinor: vnr, disk: `/dev/d${vnr}`, metaDisk: 'None', metaIndex: 'flexible', loc: loc(line), metaDiskLoc: loc(line + 3) });
        const c = config(resource('r0', [on('kvm1', { address: '10.0.0.1:7788', nodeId: 0, volumes: [md(0, 12), md(1, 17)] }),
            on('kvm2', { address: '10.0.0.2:7788', nodeId: 1, line: 23, volumes: [vol(0, { deviceMinor: 0 }), vol(1, { deviceMinor: 1 })] })]));
        const r = postParse(c, { hostname: 'x' });
        expect(r.exitCode).toBe(10);
        expect(r.diagnostics.map((d) => [d.loc.line, !!d.drbdadmEcho])).toEqual([[20, false], [17, true], [15, false], [12, true]]);
        expect(r.diagnostics[0].message).toBe(`conflicting use of meta-disk 'kvm1:None[flexible]' ...\n${FILE}:12: meta-disk 'kvm1:None[flexible]' first used here.`);
    });

    it('reports an address used by two resources on both, and one used for both endpoints', () => {
        const r0 = resource('r0', two(), { volumes: [vol0(1)] });
        const r1 = resource('r1', [on('hw1', { address: '10.0.0.1:7788', line: 12 }), on('hw2', { address: '10.0.0.9:7788', line: 13 })],
            { volumes: [vol0(2, '/dev/sdc1', 11)], line: 10 });
        const r = errors(config(r0, r1));
        expect(r.errors).toEqual([['address/duplicate', 12], ['address/duplicate', 3]]);
        const r2 = resource('r2', [on('hw1', { address: '10.0.0.1:7788', nodeId: 0 }), on('hw2', { address: '10.0.0.2:7788', nodeId: 1, line: 4 })], {
            volumes: [vol0(1)], connections: [connection(5, endpoint('hw1', 6, 'ipv6 [FD00:0::1]:7788'), endpoint('hw2', 7, 'ipv6 [fd00::1]:7788'))],
        });
        expect(errors(config(r2)).errors).toEqual([['address/same-for-both-endpoints', 7]]);
    });

    it('exempts loopback addresses from the conflict checks', () => {
        const r0 = resource('r0', [on('hw1', { address: '127.0.0.1:7788', nodeId: 0 }), on('hw2', { address: '127.0.0.1:7789', nodeId: 1, line: 4 })], { volumes: [vol0(1)] });
        expect(errors(config(r0)).errors).toEqual([]);
    });

    it('refers to unknown volumes of connections', () => {
        const conn = connection(5, endpoint('hw1', 6), endpoint('hw2', 7));
        conn.peerDevices.push({ vnr: 3, pdOptions: [], loc: { ...conn.loc, line: 8 }, implicit: false });
        const c = config(resource('r0', two({ nodeId: undefined }).map((h, i) => ({ ...h, nodeId: String(i), nodeIdLoc: h.loc })), { volumes: [vol0(1)], connections: [conn] }));
        expect(errors(c).errors).toEqual([['volume/unknown-in-connection', 8], ['volume/unknown-in-connection', 8]]);
        expect(conn.peerDevices.map((p) => [p.vnr, p.implicit])).toEqual([[3, false], [0, true]]);
    });

    it('warns about unknown resync-after targets (no tty) and drops the option', () => {
        const c = config(resource('r0', two(), { volumes: [vol0(1)], diskOptions: [opt('resync-after', 'r9', 2)] }));
        const r = postParse(c, { hostname: 'x' });
        expect(r.exitCode).toBe(0);
        expect(r.diagnostics.filter((d) => !d.drbdadmEcho).map((d) => [d.severity, d.message])).toEqual([
            ['warning', "in resource r0:\n\tresource 'r9' mentioned in 'resync-after' option is not known."],
        ]);
        expect(c.resources[0].diskOptions).toEqual([]);
    });

    it('reports a resource without host sections with the local host name', () => {
        const r = postParse(config(resource('r0', [])), { hostname: 'hw9' });
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message))
            .toEqual(["in resource r0:\n\ta host sections ('on hw9 { ... }') is missing."]);
    });

    it('hints that node-id 32 is accepted but unusable', () => {
        const r = postParse(config(resource('r0', [on('hw1', { address: '10.0.0.1:7788', nodeId: 32 }), on('hw2', { address: '10.0.0.2:7788', nodeId: 1, line: 4 })], { volumes: [vol0(1)] })), { hostname: 'x' });
        expect(r.exitCode).toBe(0);
        expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'node-id/32']]);
    });
});

describe('this host', () => {
    it('matches short and fully qualified names and sets me, and ignores other resources', () => {
        const c = config(resource('r0', two(), { volumes: [vol0(1)] }), resource('r1', [on('hwx', { address: '10.0.2.1:7788' }), on('hwy', { address: '10.0.2.2:7788', line: 4 })], { volumes: [vol0(2)] }));
        postParse(c, { hostname: 'HW2.example.com' });
        expect(c.resources[0].me?.onHosts).toEqual(['hw2']);
        expect(c.resources[0].connections[0].paths[0].myAddress?.addr).toBe('10.0.0.2');
        expect(c.resources[1].ignore).toBe(true);
    });

    it('reports two host sections for this node only in command-independent post-parse', () => {
        const c = config(resource('r0', [on('hw1', { address: '10.0.0.1:7788', nodeId: 0 }), on('hw1.example.com', { address: '10.0.0.2:7788', nodeId: 1, line: 4 })], { volumes: [vol0(1)] }));
        const r = postParse(c, { hostname: 'hw1' });
        expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message))
            .toEqual(['in resource r0, on hw1 { ... } ... on hw1.example.com { ... }:\n\tThere are multiple host sections for this node.']);
    });
});

describe('inheritance', () => {
    it('prepends inherited options, innermost wins', () => {
        const c = config(resource('r0', two(), { volumes: [vol0(1)], netOptions: [opt('sndbuf-size', '1M'), opt('timeout', '60')] }));
        c.common = { loc: c.resources[0].loc, netOptions: [opt('timeout', '90'), opt('ping-int', '10')], diskOptions: [], pdOptions: [], resOptions: [], startupOptions: [], handlers: [], proxyOptions: [], proxyPlugins: [] };
        postParse(c, { hostname: 'hw1', mode: 'command' });
        expect(c.resources[0].netOptions.map((o) => `${o.name}=${o.value}`)).toEqual(['ping-int=10', 'sndbuf-size=1M', 'timeout=60']);
        expect(c.resources[0].connections[0].netOptions.map((o) => `${o.name}=${o.value}`)).toEqual(['timeout=60', 'sndbuf-size=1M', 'ping-int=10']);
    });

    it('reports ambiguous inheritance from mesh and resource: an error for commands, a warning for dump', () => {
        const build = () => {
            const m = mesh(6, 'hw1', 'hw2');
            m.netOptions.push(opt('protocol', 'B', 6));
            return config(resource('r0', two(), { volumes: [vol0(1)], meshes: [m], netOptions: [opt('protocol', 'A', 2)] }));
        };
        const cmd = postParse(build(), { hostname: 'hw1', mode: 'command' });
        expect(cmd.exitCode).toBe(10);
        expect(cmd.diagnostics[0].message).toBe('in resource r0, ambiguous inheritance for option "protocol".\nshould be "B" and "A" at the same time\n.');
        const dump = postParse(build(), { hostname: 'hw1' });
        expect(dump.exitCode).toBe(0);
        expect(dump.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    });

    it('compares inherited values by type (protocol ignores case, numbers their units)', () => {
        const m = mesh(6, 'hw1', 'hw2');
        m.netOptions.push(opt('protocol', 'c', 6), opt('sndbuf-size', '1M', 6));
        const c = config(resource('r0', two(), { volumes: [vol0(1)], meshes: [m], netOptions: [opt('protocol', 'C', 2), opt('sndbuf-size', '1024k', 2)] }));
        expect(postParse(c, { hostname: 'hw1', mode: 'command' }).diagnostics).toEqual([]);
    });
});
