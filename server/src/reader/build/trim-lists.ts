import type { Option, OptionSections, Resource } from '../../drbd/model.js';
import { exact } from '../../syntax/exact-list.js';

/**
 * The lists building and post-parse push onto (a resource's volumes, hosts, connections, their
 * paths, endpoints and peer devices, and the option lists), cut to their length: for resources
 * the cache keeps, once nothing adds to them any more. Post-parsed copies have lists of their own
 * there (copyOf), and option lists only the builder adds to.
 */
export function trimLists(res: Resource): void {
    optionSections(res);
    res.volumes = exact(res.volumes);
    for (const vol of res.volumes) volumeOptions(vol);
    res.allHosts = exact(res.allHosts);
    for (const host of res.allHosts) {
        host.resOptions = options(host.resOptions);
        host.volumes = exact(host.volumes);
        for (const vol of host.volumes) volumeOptions(vol);
    }
    res.connections = exact(res.connections);
    for (const conn of res.connections) {
        conn.netOptions = options(conn.netOptions);
        conn.pdOptions = options(conn.pdOptions);
        conn.paths = exact(conn.paths);
        conn.peerDevices = exact(conn.peerDevices);
        for (const pd of conn.peerDevices) pd.pdOptions = options(pd.pdOptions);
        for (const path of conn.paths) path.hnameAddresses = exact(path.hnameAddresses);
    }
    for (const mesh of res.meshes) mesh.netOptions = options(mesh.netOptions);
}

/**
 * The one empty option list of every place that has none (most of a resource's nine sections,
 * and its volumes' and connections'): 80 000 lists at 5000 resources. Frozen: adding to it would
 * be a bug, and throws.
 */
const NO_OPTIONS = Object.freeze([]) as readonly Option[] as Option[];

function options(list: Option[]): Option[] {
    return list.length === 0 ? NO_OPTIONS : exact(list);
}

const SECTIONS = ['netOptions', 'diskOptions', 'pdOptions', 'resOptions', 'startupOptions', 'handlers', 'proxyOptions', 'proxyPlugins'] as const;

function optionSections(s: OptionSections): void {
    for (const section of SECTIONS) s[section] = options(s[section]);
    if (s.deviceOptions) s.deviceOptions = options(s.deviceOptions);
}

function volumeOptions(vol: Resource['volumes'][number]): void {
    vol.diskOptions = options(vol.diskOptions);
    vol.pdOptions = options(vol.pdOptions);
    if (vol.deviceOptions) vol.deviceOptions = options(vol.deviceOptions);
}
