/**
 * drbdadm's per-resource validation after post-parse (validate_resource, ensure_proxy_sections)
 * and, for commands other than dump, turning `resync-after RES[/VNR]` into a minor number
 * (convert_after_option).
 */
import type { Option, Resource } from '../model.js';
import { atLeast } from '../release.js';
import { resourcesNamed, type PostParseContext } from './context.js';
import { volumeNumbered } from './volumes.js';

function resourceOf(ctx: PostParseContext, ref: string): Resource | undefined {
    const name = ref.split('/')[0];
    return resourcesNamed(ctx, name)[0];
}

/**
 * Unknown targets only warn when drbdadm runs from a script (no tty), and the option is dropped:
 * the list without it (option lists are not changed in place).
 */
function resyncAfterUnknown(ctx: PostParseContext, res: Resource, opt: Option, known: boolean, list: Option[]): Option[] {
    const message = `in resource ${res.name}:\n\tresource '${opt.value}' mentioned in 'resync-after' option is not known${known ? ' on this host' : ''}.`;
    const at = { file: res.loc.file, line: res.loc.line };
    if (ctx.noTty) {
        ctx.report.warning('resync-after/unknown-resource', message, opt.loc, at);
        return list.filter((o) => o !== opt);
    }
    ctx.report.error('resync-after/unknown-resource', message, opt.loc, at);
    return list;
}

function checkResyncAfter(ctx: PostParseContext, res: Resource): void {
    // `dump` does not expand: options inherited from common are not looked at.
    const opts = res.diskOptions.filter((o) => o.name === 'resync-after' && (ctx.expand || !o.inherited));
    for (const opt of opts) {
        const target = resourceOf(ctx, opt.value ?? '');
        if (!target || (target.ignore && !ctx.thisHost.matchOnProxy))
            res.diskOptions = resyncAfterUnknown(ctx, res, opt, target !== undefined, res.diskOptions);
    }
}

/** Either all `on` sections have an 8.x proxy, or none; likewise the endpoints of each path. */
function ensureProxySections(ctx: PostParseContext, res: Resource): void {
    const withProxy = res.allHosts.map((h) => h.proxyCompatOnly !== undefined);
    for (let i = 1; i < withProxy.length; i++)
        if (withProxy[i] !== withProxy[i - 1])
            ctx.report.error('proxy/some-on-sections-only',
                `in resource ${res.name}:\n\tEither all 'on' sections must contain a proxy subsection, or none.`,
                res.allHosts[i].loc, { file: res.loc.file, line: res.loc.line });
    for (const conn of res.connections)
        for (const path of conn.paths) {
            const has = path.hnameAddresses;
            for (let i = 1; i < has.length; i++)
                if ((has[i].proxy !== undefined) !== (has[i - 1].proxy !== undefined))
                    ctx.report.error('proxy/some-endpoints-only',
                        `in connection in resource ${res.name}:\nEither all 'host' statements must have a proxy subsection, or none.`,
                        has[i].loc, { file: res.loc.file, line: conn.implicit ? 0 : conn.loc.line });
        }
}

export function validateResource(ctx: PostParseContext, res: Resource): void {
    // drbdadm_postparse.c validate_resource(): the resource-level check was dropped in 9.24.0
    // (convert_after_option checks the local volumes)
    if (!atLeast(ctx.config.release, '9.24.0')) checkResyncAfter(ctx, res);
    if (res.allHosts.length === 0)
        ctx.report.error('host/none',
            `in resource ${res.name}:\n\ta host sections ('on ${ctx.thisHost.hostname} { ... }') is missing.`,
            res.nameLoc, { file: res.loc.file, line: res.loc.line });
    if (res.ignore) return;
    ensureProxySections(ctx, res);
}

/** resync-after names a resource (and volume); the kernel wants the minor of that volume here. */
export function convertResyncAfter(ctx: PostParseContext, res: Resource): void {
    // drbdadm_postparse.c convert_after_option(): only this host's volumes since 9.24.0, as the
    // others may name resources unknown here
    const hosts = !atLeast(ctx.config.release, '9.24.0') ? res.allHosts : res.me ? [res.me] : [];
    for (const host of hosts)
        for (const vol of host.volumes) {
            for (const opt of vol.diskOptions.filter((o) => o.name === 'resync-after')) {
                const [name, vnr] = (opt.value ?? '').split('/');
                const target = resourcesNamed(ctx, name).find((r) => !r.ignore);
                const mine = target?.me?.volumes ?? [];
                const at = { file: res.loc.file, line: res.loc.line };
                if (vnr === undefined && mine.length > 1) {
                    ctx.report.error('resync-after/ambiguous',
                        `in resource ${res.name}:\n\tresync-after contains '${opt.value}', which is ambiguous, since it contains ${mine.length} volumes`,
                        opt.loc, at);
                    return;
                }
                const targetVol = vnr === undefined ? mine[0] : volumeNumbered(mine, Number(vnr));
                if (!targetVol) vol.diskOptions = resyncAfterUnknown(ctx, res, opt, target !== undefined, vol.diskOptions);
                else vol.diskOptions = vol.diskOptions.map((o) => (o === opt ? { ...opt, value: String(targetVol.deviceMinor ?? -1) } : o));
            }
        }
}
