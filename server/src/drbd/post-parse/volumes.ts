/**
 * Volumes after parsing: resource-level volumes are copied into every host section
 * (inherit_volumes), then each host's volumes must be complete, and all hosts must define the
 * same volume numbers, all implicit (volume 0 from bare statements) or all explicit.
 */
import type { HostInfo, Loc, Resource, Volume } from '../model.js';
import { type PostParseContext, resourceLine } from './context.js';
import type { Report } from './report.js';
import type { UniqTable } from './uniq.js';
import { namesToStr } from './this-host.js';

/** The file and statement lines drbdadm keeps per volume (0 = none), used by its duplicate messages. */
export interface VolumeLine {
    file: string;
    device: number;
    disk: number;
    metaDisk: number;
}

/**
 * Lines of volumes created by post-parse are those of the resource-level volume they copy.
 * drbdadm records the line of the statement for bare statements (implicit volume 0), but the
 * line of the `volume N {` keyword for statements inside a volume block.
 */
export class VolumeLines {
    // A Map, not a WeakMap: it lives as long as one post-parse run, and weak entries cost the GC.
    private readonly created = new Map<Volume, VolumeLine>();

    of(vol: Volume): VolumeLine {
        return this.created.get(vol) ?? {
            file: vol.loc.file,
            device: statementLine(vol, vol.deviceLoc),
            disk: statementLine(vol, vol.diskLoc),
            metaDisk: statementLine(vol, vol.metaDiskLoc),
        };
    }

    setCreated(vol: Volume, line: VolumeLine): void {
        this.created.set(vol, line);
    }
}

function statementLine(vol: Volume, stmt: Loc | undefined): number {
    return stmt === undefined ? 0 : vol.implicit ? stmt.line : vol.loc.line;
}

/** drbdadm prints an unset minor (-1) as unsigned. */
export function minorText(vol: Volume): string {
    return String(vol.deviceMinor ?? 4294967295);
}

/** The first volume (or peer device) with number `vnr`. */
export function volumeNumbered<T extends { vnr: number }>(list: readonly T[], vnr: number): T | undefined {
    for (let i = 0; i < list.length; i++) if (list[i].vnr === vnr) return list[i];
    return undefined;
}

/** Keeps the list sorted by volume number; equal numbers stay in insertion order (insert_volume). */
export function insertVolume(list: Volume[], vol: Volume): void {
    const i = list.findIndex((v) => v.vnr > vol.vnr);
    if (i < 0) list.push(vol);
    else list.splice(i, 0, vol);
}

/** The keys the parser recorded for `device` statements in `on` sections (at line 0: see parse_device). */
export function seedParsedDeviceKeys(resources: readonly Resource[], uniq: UniqTable): void {
    for (const res of resources)
        for (const host of res.allHosts) {
            if (host.byAddress || host.lowerName !== undefined) continue;
            for (const vol of host.volumes) {
                if (!vol.parsedDevice) continue;
                const loc = vol.deviceLoc ?? vol.loc;
                for (const h of host.onHosts) {
                    uniq.seed(`device-minor:${h}:${minorText(vol)}`, loc, vol.loc.file, 0);
                    if (vol.device) uniq.seed(`device:${h}:${vol.device}`, loc, vol.loc.file, 0);
                }
            }
        }
}

/** Counted loops here and in resolveVolumes, for the reason expandCommon gives (a 5000-resource check: 4 MB less). */
export function inheritVolumes(ctx: PostParseContext, from: Volume[], host: HostInfo): void {
    const names = host.onHosts;
    for (let i = 0; i < from.length; i++) {
        const s = from[i];
        let t = volumeNumbered(host.volumes, s.vnr);
        let line: VolumeLine;
        if (!t) {
            // Every field it gets below is in place from the start: V8 then keeps them in the
            // object rather than in a second one added when the first of them is set.
            t = {
                vnr: s.vnr, implicit: s.implicit, loc: s.loc, diskOptions: [], pdOptions: [],
                parsedDevice: false, parsedDisk: false, parsedMetaDisk: false,
                disk: undefined, diskLoc: undefined, device: undefined, deviceMinor: undefined, deviceLoc: undefined,
                metaDisk: undefined, metaDiskLoc: undefined, metaIndex: undefined,
            };
            line = ctx.lines.of(s);
            ctx.lines.setCreated(t, line);
            insertVolume(host.volumes, t);
        } else line = ctx.lines.of(t);
        if (t.disk === undefined && s.disk !== undefined) {
            t.disk = s.disk;
            t.diskLoc ??= s.diskLoc;
            for (let n = 0; n < names.length; n++)
                ctx.uniq.check('disk/duplicate', `disk:${names[n]}:${t.disk}`, s.diskLoc ?? t.loc, line.file, line.disk);
        }
        if (t.device === undefined && s.device !== undefined) t.device = s.device;
        if (t.deviceMinor === undefined && s.deviceMinor !== undefined) {
            t.deviceMinor = s.deviceMinor;
            t.deviceLoc ??= s.deviceLoc;
            const loc = s.deviceLoc ?? t.loc;
            for (let n = 0; n < names.length; n++) {
                ctx.uniq.check('device-minor/duplicate', `device-minor:${names[n]}:${minorText(t)}`, loc, line.file, line.device);
                if (t.device !== undefined) ctx.uniq.check('device/duplicate', `device:${names[n]}:${t.device}`, loc, line.file, line.device);
            }
        }
        if (t.metaDisk === undefined && s.metaDisk !== undefined) {
            t.metaDisk = s.metaDisk;
            t.metaDiskLoc ??= s.metaDiskLoc;
            if (s.metaIndex !== undefined) t.metaIndex = s.metaIndex;
        }
    }
}

/** External meta-data areas (device plus index) must not be shared (check_meta_disk). */
export function checkMetaDisk(ctx: PostParseContext, vol: Volume, host: HostInfo): void {
    if (vol.metaDisk === undefined || vol.metaDisk === 'internal') return;
    const line = ctx.lines.of(vol);
    for (const h of host.onHosts)
        ctx.uniq.check('meta-disk/duplicate', `${h}:${vol.metaDisk}[${vol.metaIndex ?? '(null)'}]`,
            vol.metaDiskLoc ?? vol.loc, line.file, line.metaDisk);
}

/** drbdadm's derror: `in resource R, on H { ... }: 'KEYWORD' keyword missing.` */
export function keywordMissing(report: Report, res: Resource, host: HostInfo, keyword: 'node-id' | 'device' | 'disk' | 'meta-disk' | 'meta-index', loc?: Loc): void {
    report.error(`${keyword}/missing`,
        `in resource ${res.name}, on ${namesToStr(host.onHosts)} { ... }: '${keyword}' keyword missing.`,
        loc ?? host.loc, { file: res.loc.file, line: host.loc.line });
}

/** Every volume of an `on`/`floating` section needs a minor; meta-data needs a disk. */
export function checkVolumesComplete(report: Report, res: Resource, host: HostInfo): void {
    for (const vol of host.volumes) {
        if (vol.device === undefined && vol.deviceMinor === undefined) keywordMissing(report, res, host, 'device', vol.loc);
        if (vol.disk === undefined && vol.metaDisk === undefined && vol.metaIndex === undefined) continue;
        if (vol.disk === 'none') continue;
        if (vol.disk === undefined) keywordMissing(report, res, host, 'disk', vol.metaDiskLoc ?? vol.loc);
        if (vol.metaDisk === undefined && vol.metaIndex === undefined) {
            vol.metaDisk = 'internal';
            vol.metaIndex = 'internal';
        } else if (vol.metaDisk === undefined) keywordMissing(report, res, host, 'meta-disk', vol.loc);
        else if (vol.metaIndex === undefined) keywordMissing(report, res, host, 'meta-index', vol.loc);
    }
}

/**
 * host2 must define the volumes of host1 (check_volume_sets_equal). When host2 is the local
 * section of the lower resource of a stacked host1, extra lower volumes are legal.
 */
export function checkVolumeSetsEqual(ctx: PostParseContext, res: Resource, host1: HostInfo, host2: HostInfo): void {
    if (host1 === host2) return;
    const stacked = host1.lower !== undefined && host1.lower.me === host2;
    const other = stacked ? host1.lower!.name : namesToStr(host2.onHosts);
    const me = namesToStr(host1.onHosts);
    // Only where it reports: the line is the main file's end before 9.28, and a step that reads
    // that is run again whenever a line is added to the main file (PostParseCache).
    const at = () => resourceLine(ctx, res);
    const a = host1.volumes;
    const b = host2.volumes;
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        while (i < a.length && (j >= b.length || a[i].vnr < b[j].vnr)) {
            ctx.report.error('volume/not-defined-on-host',
                `in resource ${res.name}, on ${me} { ... }: volume ${a[i].vnr} not defined on ${other}`, a[i].loc, at());
            i++;
        }
        while (j < b.length && (i >= a.length || a[i].vnr > b[j].vnr)) {
            const msg = `in resource ${res.name}, on ${me} { ... }: volume ${b[j].vnr} missing (present on ${other})`;
            if (!stacked) ctx.report.error('volume/missing-on-host', msg, host1.loc, at());
            else if (!ctx.noTty) ctx.report.warning('volume/missing-on-host', msg, host1.loc, at());
            j++;
        }
        if (i < a.length && j < b.length && a[i].vnr === b[j].vnr) {
            if (a[i].implicit !== b[j].implicit)
                ctx.report.error('volume/implicit-mismatch',
                    `in resource ${res.name}, on ${me} resp. ${other}: volume ${a[i].vnr} must not be implicit on one but not the other`,
                    a[i].loc, at());
            i++;
            j++;
        }
    }
}

/** Step one of post-parse for one resource: volumes into hosts, completeness, equal sets. */
export function resolveVolumes(ctx: PostParseContext, res: Resource): void {
    let anyImplicit = false;
    let anyNonZero = false;
    const hosts = res.allHosts;
    for (let h = 0; h < hosts.length; h++) {
        const host = hosts[h];
        inheritVolumes(ctx, res.volumes, host);
        for (let v = 0; v < host.volumes.length; v++) {
            const vol = host.volumes[v];
            anyImplicit ||= vol.implicit;
            anyNonZero ||= vol.vnr !== 0;
            checkMetaDisk(ctx, vol, host);
        }
        if (host.requireMinor) checkVolumesComplete(ctx.report, res, host);
    }
    for (let h = 0; h < hosts.length; h++) checkVolumeSetsEqual(ctx, res, hosts[0], hosts[h]);
    if (anyImplicit && anyNonZero)
        ctx.report.error('volume/mixed-implicit-explicit',
            `in resource ${res.name}: you must not mix implicit and explicit volumes`, res.nameLoc, resourceLine(ctx, res));
}
