/** Small builders of post-parse input models, as the config builder would produce them. */
import type { Address, Config, Connection, HnameAddress, HostInfo, Loc, Mesh, Option, Resource, Volume } from '../../../server/src/drbd/model.js';
import { DEFAULT_RELEASE } from '../../../server/src/drbd/release.js';

export const FILE = '/t/drbd.conf';

export function loc(line: number, file = FILE): Loc {
    return { file, line, startLine: line - 1, startChar: 0, endLine: line - 1, endChar: 1 };
}

/** `10.0.0.1:7788`, `ipv6 [fd00::1]:7788`, `sdp 10.0.0.1:7788` */
export function addr(text: string, line = 1): Address {
    const m = /^(?:(\w+) )?\[?([^\]\s]+?)\]?:(\d+)$/.exec(text);
    if (!m) throw new Error(`bad address ${text}`);
    return { af: m[1] ?? 'ipv4', addr: m[2], port: m[3], loc: loc(line) };
}

export function vol(vnr: number, o: Partial<Volume> = {}): Volume {
    return {
        vnr, implicit: false, loc: loc(1), diskOptions: [], pdOptions: [],
        parsedDevice: o.deviceMinor !== undefined, parsedDisk: o.disk !== undefined, parsedMetaDisk: o.metaDisk !== undefined,
        ...o,
    };
}

/** The implicit volume 0 of `device minor M; disk D; meta-disk internal;` */
export function vol0(minor: number, disk = '/dev/sdb1', line = 2): Volume {
    return vol(0, {
        implicit: true, deviceMinor: minor, device: `/dev/drbd${minor}`, disk, metaDisk: 'internal', metaIndex: 'internal',
        deviceLoc: loc(line), diskLoc: loc(line), metaDiskLoc: loc(line), loc: loc(line),
    });
}

export interface HostSpec {
    address?: string;
    nodeId?: number;
    volumes?: Volume[];
    line?: number;
    proxyOutside?: string;
}

export function on(names: string | string[], spec: HostSpec = {}): HostInfo {
    const line = spec.line ?? 3;
    const h: HostInfo = {
        kind: 'on', onHosts: Array.isArray(names) ? names : [names], volumes: spec.volumes ?? [],
        address: spec.address ? addr(spec.address, line) : {}, loc: loc(line), implicit: false, byAddress: false,
        requireMinor: true, resOptions: [],
    };
    if (spec.nodeId !== undefined) {
        h.nodeId = String(spec.nodeId);
        h.nodeIdLoc = loc(line);
    }
    if (spec.proxyOutside)
        h.proxyCompatOnly = { onHosts: h.onHosts, inside: addr('127.0.0.1:7000'), outside: addr(spec.proxyOutside), options: [], plugins: [], loc: loc(line) };
    return h;
}

export function floating(address: string, spec: Omit<HostSpec, 'address'> = {}): HostInfo {
    const h = on([], { ...spec, address });
    const a = h.address;
    h.kind = 'floating';
    h.byAddress = true;
    h.onHosts = [a.af === 'ipv6' ? `ipv6 [${a.addr}]:${a.port}` : `${a.addr}:${a.port}`];
    return h;
}

export function endpoint(name: string, line: number, address?: string): HnameAddress {
    return {
        name, loc: loc(line), address: address ? addr(address, line) : {}, byAddress: false,
        parsedAddress: address !== undefined, parsedPort: false,
    };
}

/** `connection { host A; host B; }` at `line`, endpoints on the next lines. */
export function connection(line: number, ...endpoints: HnameAddress[]): Connection {
    return {
        paths: [{ loc: loc(line), hnameAddresses: endpoints, implicit: true }],
        loc: loc(line), peerDevices: [], netOptions: [], pdOptions: [], implicit: false, isStandalone: false,
    };
}

export function mesh(line: number, ...hosts: string[]): Mesh {
    return { hosts: hosts.map((name) => ({ name, loc: loc(line) })), netOptions: [], loc: loc(line) };
}

export function opt(name: string, value: string, line = 1): Option {
    return { name, value, loc: loc(line) };
}

export interface ResourceSpec {
    volumes?: Volume[];
    connections?: Connection[];
    meshes?: Mesh[];
    line?: number;
    file?: string;
    netOptions?: Option[];
    diskOptions?: Option[];
}

export function resource(name: string, hosts: HostInfo[], spec: ResourceSpec = {}): Resource {
    const l = loc(spec.line ?? 1, spec.file);
    return {
        name, loc: l, nameLoc: l, volumes: spec.volumes ?? [], connections: spec.connections ?? [], allHosts: hosts,
        meshes: spec.meshes ?? [], stackedTimeouts: false,
        netOptions: spec.netOptions ?? [], diskOptions: spec.diskOptions ?? [], pdOptions: [], resOptions: [],
        startupOptions: [], handlers: [], proxyOptions: [], proxyPlugins: [],
    };
}

export function config(...resources: Resource[]): Config {
    return { mainFile: FILE, release: DEFAULT_RELEASE, global: { disableIpVerification: false, udevAlwaysUseVnr: false }, resources, mainEndLine: 99 };
}
