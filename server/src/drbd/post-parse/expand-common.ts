/**
 * Option inheritance (expand_common): common or template-file → resource → volumes, connections,
 * peer devices and proxies. A missing option is prepended as an inherited copy (so inherited
 * options come first, in reverse order); an option already inherited from elsewhere with a
 * different value is "ambiguous inheritance".
 */
import { findOption, newStrtoll, type OptionSection } from '../options/index.js';
import type { Option, Resource } from '../model.js';
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
    for (const o of list) if (o.name === name) return o;
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
    for (const opt of from) {
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
    return added.length === 0 ? into : [...added.reverse(), ...into];
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
    for (const host of res.allHosts)
        for (const vol of host.volumes) {
            vol.diskOptions = expandOpts(ctx, res, 'disk', res.diskOptions, vol.diskOptions);
            vol.pdOptions = expandOpts(ctx, res, 'peer-disk', res.pdOptions, vol.pdOptions);
            vol.deviceOptions = expandDevice(ctx, res, res.deviceOptions, vol.deviceOptions);
        }
    for (const vol of res.volumes)
        for (const host of res.allHosts) {
            const hostVol = volumeNumbered(host.volumes, vol.vnr);
            if (!hostVol) continue;
            hostVol.diskOptions = expandOpts(ctx, res, 'disk', vol.diskOptions, hostVol.diskOptions);
            hostVol.pdOptions = expandOpts(ctx, res, 'peer-disk', vol.pdOptions, hostVol.pdOptions);
            hostVol.deviceOptions = expandDevice(ctx, res, vol.deviceOptions, hostVol.deviceOptions);
        }
    for (const conn of res.connections) conn.netOptions = expandOpts(ctx, res, 'net', res.netOptions, conn.netOptions);
    for (const conn of res.connections)
        for (const path of conn.paths)
            for (const ha of path.hnameAddresses) {
                if (!ha.proxy) continue;
                ha.proxy.options = expandOpts(ctx, res, 'proxy', res.proxyOptions, ha.proxy.options);
                ha.proxy.plugins = expandOpts(ctx, res, 'wildcard', res.proxyPlugins, ha.proxy.plugins);
            }
    for (const conn of res.connections) {
        for (const pd of conn.peerDevices) pd.pdOptions = expandOpts(ctx, res, 'peer-disk', conn.pdOptions, pd.pdOptions);
        for (const ha of conn.paths[0]?.hnameAddresses ?? []) {
            for (const vol of ha.hostInfo?.volumes ?? []) {
                const pd = conn.peerDevices.find((p) => p.vnr === vol.vnr);
                if (pd) pd.pdOptions = expandOpts(ctx, res, 'peer-disk', vol.pdOptions, pd.pdOptions);
            }
        }
    }
}
