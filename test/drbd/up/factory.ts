/**
 * Hand-built configs in the state post-parse leaves them for one host, for unit tests of the
 * planner stages without the parser. `twoNodes()` is behaviour §4.3's first example.
 */
import type { Address, Config, Connection, HnameAddress, HostInfo, Loc, Option, Path, Resource, Volume } from '../../../server/src/drbd/model.js';
import { DEFAULT_RELEASE } from '../../../server/src/drbd/release.js';

export const loc = (line = 1): Loc => ({ file: '/etc/drbd.conf', line, startLine: line - 1, startChar: 0, endLine: line - 1, endChar: 1 });

export const opt = (name: string, value?: string): Option => ({ name, value: value as string, loc: loc() });

export function addr(text: string, af = 'ipv4'): Address {
    const i = text.lastIndexOf(':');
    return { af, addr: text.slice(0, i).replace(/^\[|\]$/g, ''), port: text.slice(i + 1), loc: loc() };
}

export function vol(vnr: number, minor: number, disk?: string, extra: Partial<Volume> = {}): Volume {
    return {
        vnr, deviceMinor: minor, device: `/dev/drbd${minor}`, disk, diskOptions: [], pdOptions: [], implicit: false, loc: loc(),
        ...(disk === undefined ? {} : { metaDisk: 'internal', metaIndex: 'internal' }),
        parsedDevice: true, parsedDisk: disk !== undefined, parsedMetaDisk: false, ...extra,
    };
}

export function host(name: string, nodeId: string, address: string, volumes: Volume[]): HostInfo {
    return {
        kind: 'on', onHosts: [name], volumes, address: addr(address), loc: loc(), implicit: false, byAddress: false,
        requireMinor: true, resOptions: [], nodeId,
    };
}

/** An endpoint `host NAME [address A | port P]`, completed from its host section as post-parse does. */
export function ha(h: HostInfo, a: Address = {}): HnameAddress {
    const address = a.addr !== undefined ? { ...a } : { ...h.address, port: a.port ?? h.address.port };
    return { name: h.onHosts[0], loc: loc(), address, byAddress: false, parsedAddress: a.addr !== undefined, parsedPort: a.port !== undefined, hostInfo: h };
}

export function path(...has: HnameAddress[]): Path {
    return { loc: loc(), hnameAddresses: has, implicit: false };
}

export function conn(paths: Path[], extra: Partial<Connection> = {}): Connection {
    const c: Connection = { paths, loc: loc(), peerDevices: [], netOptions: [], pdOptions: [], implicit: false, isStandalone: false, ...extra };
    const first = paths[0]?.hnameAddresses[0]?.hostInfo;
    if (!extra.peerDevices && first)
        c.peerDevices = first.volumes.map((v) => ({ vnr: v.vnr, pdOptions: [], loc: loc(), implicit: true }));
    return c;
}

export function resource(name: string, hosts: HostInfo[], connections: Connection[], me?: HostInfo): Resource {
    const r: Resource = {
        name, loc: loc(), nameLoc: loc(), volumes: [], connections, allHosts: hosts, meshes: [], stackedTimeouts: false,
        netOptions: [], diskOptions: [], pdOptions: [], resOptions: [], startupOptions: [], handlers: [], proxyOptions: [], proxyPlugins: [],
    };
    setMe(r, me);
    return r;
}

/** What set_me_in_resource leaves: me/ignore, and each path's first local endpoint marked. */
export function setMe(r: Resource, me: HostInfo | undefined): void {
    r.me = me;
    r.ignore = !me;
    for (const h of r.allHosts) h.usedAsMe = h === me;
    for (const c of r.connections) {
        for (const p of c.paths) {
            const mine = p.hnameAddresses.find((x) => x.hostInfo === me);
            p.hnameAddresses.forEach((x) => (x.usedAsMe = x === mine ? true : undefined));
            if (!mine) c.ignore = true;
            else p.myAddress = mine.address;
        }
    }
}

export function config(...resources: Resource[]): Config {
    return { mainFile: '/etc/drbd.conf', release: DEFAULT_RELEASE, global: { disableIpVerification: false, udevAlwaysUseVnr: false }, resources };
}

/** Two nodes, implicit connection, one volume with internal meta-data; planned for `meName`. */
export function twoNodes(meName: 'hw1' | 'hw2' = 'hw1'): { cfg: Config; res: Resource; hw1: HostInfo; hw2: HostInfo } {
    const hw1 = host('hw1', '0', '10.11.56.2:7788', [vol(0, 1, '/dev/sdb1')]);
    const hw2 = host('hw2', '1', '10.11.56.3:7788', [vol(0, 1, '/dev/sdb1')]);
    const c = conn([path(ha(hw1), ha(hw2))], { implicit: true });
    const res = resource('r0', [hw1, hw2], [c], meName === 'hw1' ? hw1 : hw2);
    return { cfg: config(res), res, hw1, hw2 };
}
