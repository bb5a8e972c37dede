/**
 * Option inheritance (expand_common): common or template-file → resource → volumes, connections,
 * peer devices and proxies. A missing option is prepended as an inherited copy (so inherited
 * options come first, in reverse order); an option already inherited from elsewhere with a
 * different value is "ambiguous inheritance".
 */
import { findOption, newStrtoll, type OptionSection } from '../options/index.js';
import type { Connection, Option, Resource, Volume } from '../model.js';
import { atLeast, type ReleaseVersion } from '../release.js';
import type { PostParseContext } from './context.js';
import { volumeNumbered } from './volumes.js';

/** Which option table decides whether two values are equal; `wildcard` never conflicts. */
export type OptionKind = OptionSection | 'wildcard';

function sameValue(release: ReleaseVersion, kind: OptionKind, name: string, a: string | undefined, b: string | undefined): boolean {
    const info = kind === 'wildcard' ? undefined : findOption(kind, name, release);
    switch (info?.type) {
        case 'numeric': {
            const x = newStrtoll(a ?? '', info.unitPrefix ?? '1');
            const y = newStrtoll(b ?? '', info.unitPrefix ?? '1');
            return x.ok && y.ok ? x.value === y.value : a === b;
        }
        case 'boolean': {
            const yes = (v: string | undefined) => (v === undefined || v === 'yes' ? 1 : v === 'no' ? 0 : -1);
            return yes(a) === yes(b);
        }
        case 'handler':
            return info.caseInsensitive ? a?.replace(/[A-Z]/g, (c) => c.toLowerCase()) === b?.replace(/[A-Z]/g, (c) => c.toLowerCase()) : a === b;
        default:
            return a === b;
    }
}

function optionNamed(list: readonly Option[], name: string): Option | undefined {
    for (let i = 0; i < list.length; i++) if (list[i].name === name) return list[i];
    return undefined;
}

/**
 * Options are never changed in place, so one inherited copy of an option serves every list that
 * inherits it: every resource inherits `common`'s (29 000 copies in a 5 000-resource file).
 */
const inheritedCopies = new WeakMap<Option, Option>();

function inheritedCopy(opt: Option): Option {
    // An inherited option passed on further is the same.
    if (opt.inherited) return opt;
    let copy = inheritedCopies.get(opt);
    if (!copy) {
        copy = { name: opt.name, value: opt.value, loc: opt.loc, inherited: true };
        inheritedCopies.set(opt, copy);
    }
    return copy;
}

/**
 * `into` with what it inherits from `from`: a new list when anything is inherited (option lists
 * are never changed in place, so a built resource's lists can be shared by its copies).
 * `everyCommand`: this copy happens in post-parse, for `dump` too (a mesh's net options), not only
 * in expand_common, which `dump` skips.
 */
export function expandOpts(ctx: PostParseContext, res: Resource, kind: OptionKind, from: readonly Option[], into: Option[], everyCommand = false): Option[] {
    // Most lists have nothing to pass on (70% of the calls at 5000 resources).
    if (from.length === 0) return into;
    const added: Option[] = [];
    for (let i = 0; i < from.length; i++) {
        const opt = from[i];
        const existing = optionNamed(added, opt.name) ?? optionNamed(into, opt.name);
        if (!existing) {
            added.push(inheritedCopy(opt));
        } else if (existing.inherited && kind !== 'wildcard' && !sameValue(ctx.config.release, kind, opt.name, existing.value, opt.value)) {
            // drbdadm_postparse.c expand_opts(): the stray "\n." became "." in 9.32.0
            const end = atLeast(ctx.config.release, '9.32.0') ? '.' : '\n.';
            const message = `in resource ${res.name}, ambiguous inheritance for option "${opt.name}".\n` +
                `should be "${existing.value ?? '(null)'}" and "${opt.value ?? '(null)'}" at the same time${end}`;
            const at = { file: res.loc.file, line: res.loc.line };
            // `drbdadm dump` does not expand options: only the commands that configure DRBD fail.
            if (ctx.expand || everyCommand) ctx.report.error('option/ambiguous-inheritance', message, opt.loc, at);
            else ctx.report.warning('option/ambiguous-inheritance', `${message}\n(drbdadm dump accepts this; up and adjust fail)`, opt.loc);
        }
    }
    // Each inherited option goes in front of the ones before it.
    return added.length === 0 ? into : added.reverse().concat(into);
}

/** expand_common: device options (`disk { block-size }`) are inherited like disk options since 9.24.0. */
function expandDevice(ctx: PostParseContext, res: Resource, from: Option[] | undefined, into: Option[] | undefined): Option[] | undefined {
    return from?.length ? expandOpts(ctx, res, 'disk', from, into ?? []) : into;
}

/** `disk none` means diskless; a volume without a device name gets /dev/drbdMINOR. */
function normaliseVolumes(res: Resource): void {
    for (const host of res.allHosts)
        for (const vol of host.volumes) {
            if (vol.disk === 'none') {
                vol.disk = undefined;
                vol.metaDisk = undefined;
                vol.metaIndex = undefined;
            }
            vol.device ??= `/dev/drbd${vol.deviceMinor ?? 4294967295}`;
        }
}

/**
 * expand_common for one resource. Its loops (and its helpers') count instead of using for-of: it
 * runs once per resource, mostly before V8 optimizes it, and unoptimized for-of allocates an
 * iterator and a result per item (13 MB of the 210 MB a 5000-resource check allocated).
 */
export function expandCommon(ctx: PostParseContext, res: Resource): void {
    normaliseVolumes(res);
    const template = res.template ?? ctx.config.common;
    if (template) {
        res.netOptions = expandOpts(ctx, res, 'net', template.netOptions, res.netOptions);
        res.diskOptions = expandOpts(ctx, res, 'disk', template.diskOptions, res.diskOptions);
        res.pdOptions = expandOpts(ctx, res, 'peer-disk', template.pdOptions, res.pdOptions);
        res.deviceOptions = expandDevice(ctx, res, template.deviceOptions, res.deviceOptions);
        res.startupOptions = expandOpts(ctx, res, 'startup', template.startupOptions, res.startupOptions);
        res.proxyOptions = expandOpts(ctx, res, 'proxy', template.proxyOptions, res.proxyOptions);
        res.handlers = expandOpts(ctx, res, 'handlers', template.handlers, res.handlers);
        res.resOptions = expandOpts(ctx, res, 'options', template.resOptions, res.resOptions);
        res.proxyPlugins = expandOpts(ctx, res, 'wildcard', template.proxyPlugins, res.proxyPlugins);
    }
    const hosts = res.allHosts;
    for (let h = 0; h < hosts.length; h++) {
        const volumes = hosts[h].volumes;
        for (let v = 0; v < volumes.length; v++) inheritVolumeOptions(ctx, res, res, volumes[v]);
    }
    for (let v = 0; v < res.volumes.length; v++) {
        const vol = res.volumes[v];
        for (let h = 0; h < hosts.length; h++) {
            const hostVol = volumeNumbered(hosts[h].volumes, vol.vnr);
            if (hostVol) inheritVolumeOptions(ctx, res, vol, hostVol);
        }
    }
    const connections = res.connections;
    for (let c = 0; c < connections.length; c++) connections[c].netOptions = expandOpts(ctx, res, 'net', res.netOptions, connections[c].netOptions);
    for (let c = 0; c < connections.length; c++) inheritProxyOptions(ctx, res, connections[c]);
    for (let c = 0; c < connections.length; c++) inheritPeerDeviceOptions(ctx, res, connections[c]);
}

/** A volume's disk, peer-disk and device options from the resource or the resource-level volume. */
function inheritVolumeOptions(ctx: PostParseContext, res: Resource, from: Resource | Volume, vol: Volume): void {
    vol.diskOptions = expandOpts(ctx, res, 'disk', from.diskOptions, vol.diskOptions);
    vol.pdOptions = expandOpts(ctx, res, 'peer-disk', from.pdOptions, vol.pdOptions);
    vol.deviceOptions = expandDevice(ctx, res, from.deviceOptions, vol.deviceOptions);
}

function inheritProxyOptions(ctx: PostParseContext, res: Resource, conn: Connection): void {
    for (let p = 0; p < conn.paths.length; p++) {
        const endpoints = conn.paths[p].hnameAddresses;
        for (let e = 0; e < endpoints.length; e++) {
            const proxy = endpoints[e].proxy;
            if (!proxy) continue;
            proxy.options = expandOpts(ctx, res, 'proxy', res.proxyOptions, proxy.options);
            proxy.plugins = expandOpts(ctx, res, 'wildcard', res.proxyPlugins, proxy.plugins);
        }
    }
}

/** A peer device's options from its connection, then from the volume of each endpoint's host. */
function inheritPeerDeviceOptions(ctx: PostParseContext, res: Resource, conn: Connection): void {
    const peerDevices = conn.peerDevices;
    for (let d = 0; d < peerDevices.length; d++) peerDevices[d].pdOptions = expandOpts(ctx, res, 'peer-disk', conn.pdOptions, peerDevices[d].pdOptions);
    const endpoints = conn.paths[0]?.hnameAddresses ?? [];
    for (let e = 0; e < endpoints.length; e++) {
        const volumes = endpoints[e].hostInfo?.volumes ?? [];
        for (let v = 0; v < volumes.length; v++) {
            const pd = volumeNumbered(peerDevices, volumes[v].vnr);
            if (pd) pd.pdOptions = expandOpts(ctx, res, 'peer-disk', volumes[v].pdOptions, pd.pdOptions);
        }
    }
}
