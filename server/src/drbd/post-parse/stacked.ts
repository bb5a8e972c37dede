/**
 * `stacked-on-top-of LOWER` sections: they take the host names of the lower resource
 * (set_on_hosts_in_res), and once "this host" is known their volumes get the lower
 * resource's DRBD devices as backing disks (set_stacked_disk_in_res).
 */
import type { Resource } from '../model.js';
import { resourcesNamed, type PostParseContext } from './context.js';
import { isLoopback } from './inet.js';
import { checkVolumeSetsEqual, minorText, volumeNumbered } from './volumes.js';

export function setOnHostsInResource(ctx: PostParseContext, res: Resource): void {
    for (const host of res.allHosts) {
        if (host.lowerName === undefined) continue;
        const lower = resourcesNamed(ctx, host.lowerName)[0];
        if (!lower) {
            ctx.report.error('stacked/unknown-lower-resource',
                `in resource ${res.name}, referenced resource '${host.lowerName}' not defined.`, host.loc,
                { file: res.loc.file, line: res.loc.line });
            continue;
        }
        for (const host2 of lower.allHosts) {
            if (host2.lowerName !== undefined) continue;
            host.onHosts.push(...host2.onHosts);
            for (const h of host2.onHosts) {
                for (const vol of host.volumes) {
                    const line = ctx.lines.of(vol);
                    ctx.uniq.check('device-minor/duplicate', `device-minor:${h}:${minorText(vol)}`,
                        vol.deviceLoc ?? vol.loc, line.file, line.device);
                }
                for (const vol of host.volumes) {
                    if (vol.device === undefined) continue;
                    const line = ctx.lines.of(vol);
                    ctx.uniq.check('device/duplicate', `device:${h}:${vol.device}`,
                        vol.deviceLoc ?? vol.loc, line.file, line.device);
                }
            }
        }
        host.lower = lower;
        // drbdadm checks only loopback addresses of stacked sections here.
        const a = host.address;
        if (a.addr !== undefined && isLoopback(a.addr))
            for (const h of host.onHosts)
                ctx.uniq.check('ip/duplicate', `${h}:${a.addr}:${a.port}`, a.loc ?? host.loc, host.loc.file, 0);
    }
}

export function setStackedDisks(ctx: PostParseContext, res: Resource): void {
    if (res.ignore) return;
    for (const host of res.allHosts) {
        if (!host.lower) continue;
        for (const lowerHost of host.lower.allHosts) {
            checkVolumeSetsEqual(ctx, res, host, lowerHost);
            if (!ctx.report.valid) continue;
            for (const a of host.volumes) {
                const b = volumeNumbered(lowerHost.volumes, a.vnr);
                if (!b) continue;
                a.disk = b.device ?? `/dev/drbd${minorText(b)}`;
                a.metaDisk ??= 'internal';
                a.metaIndex ??= 'internal';
            }
        }
    }
}
