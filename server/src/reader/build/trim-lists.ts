import type { OptionSections, Resource } from '../../drbd/model.js';
import { exact } from '../../syntax/exact-list.js';

/**
 * The lists building and post-parse push onto (a resource's volumes, hosts, connections, their
 * paths, endpoints and peer devices, its meshes, and the option lists), cut to their length: for
 * resources the caches keep, once nothing adds to them any more. Post-parse adds to lists of its
 * copies of a built resource (copyOf), and only the builder adds options.
 */
export function trimLists(res: Resource): void {
    optionSections(res);
    res.volumes = items(res.volumes);
    for (const vol of res.volumes) volumeOptions(vol);
    res.allHosts = items(res.allHosts);
    for (const host of res.allHosts) {
        host.resOptions = items(host.resOptions);
        host.volumes = items(host.volumes);
        for (const vol of host.volumes) volumeOptions(vol);
    }
    res.connections = items(res.connections);
    for (const conn of res.connections) {
        conn.netOptions = items(conn.netOptions);
        conn.pdOptions = items(conn.pdOptions);
        conn.paths = items(conn.paths);
        conn.peerDevices = items(conn.peerDevices);
        for (const pd of conn.peerDevices) pd.pdOptions = items(pd.pdOptions);
        for (const path of conn.paths) path.hnameAddresses = items(path.hnameAddresses);
    }
    res.meshes = items(res.meshes);
    for (const mesh of res.meshes) mesh.netOptions = items(mesh.netOptions);
}

/**
 * The one empty list of every place that has none: 80 000 option lists at 5000 resources, and
 * 27 000 lists of volumes, connections, meshes and peer devices. Frozen: adding to it would be a
 * bug, and throws.
 */
const NONE = Object.freeze([]) as readonly never[] as never[];

function items<T>(list: T[]): T[] {
    return list.length === 0 ? NONE : exact(list);
}

const SECTIONS = ['netOptions', 'diskOptions', 'pdOptions', 'resOptions', 'startupOptions', 'handlers', 'proxyOptions', 'proxyPlugins'] as const;

function optionSections(s: OptionSections): void {
    for (const section of SECTIONS) s[section] = items(s[section]);
    if (s.deviceOptions) s.deviceOptions = items(s.deviceOptions);
}

function volumeOptions(vol: Resource['volumes'][number]): void {
    vol.diskOptions = items(vol.diskOptions);
    vol.pdOptions = items(vol.pdOptions);
    if (vol.deviceOptions) vol.deviceOptions = items(vol.deviceOptions);
}
