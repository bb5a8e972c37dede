import type { DeviceStatement, DiskStatement, MetaDiskStatement, OptionsSection, SkipSection, TiebreakerStatement, VolumeSection } from '../../syntax/generated/ast.js';
import { atLeast } from '../../drbd/release.js';
import type { Loc, Volume } from '../../drbd/model.js';
import { hostnameInList } from '../../drbd/hostnames.js';
import type { BuildContext } from './build-context.js';
import { buildOptions } from './build-options.js';
import { locOf, locOfKeyword, locOfProperty } from './loc.js';
import type { DrbdadmLine } from '../../drbd/post-parse/report.js';
import { clip20 } from '../../drbd/options/parse-errors.js';
import { tokenNumber } from '../../drbd/options/scanner-token.js';
import { sectionBodyError } from '../../syntax/drbd-parser-errors.js';

export type VolumeStatementNode = DeviceStatement | DiskStatement | MetaDiskStatement | OptionsSection | TiebreakerStatement | SkipSection;

export function newVolume(vnr: number, loc: Loc, implicit: boolean): Volume {
    return { vnr, diskOptions: [], pdOptions: [], implicit, loc, parsedDevice: false, parsedDisk: false, parsedMetaDisk: false };
}

/** insert_volume: volumes stay sorted by number; a duplicate goes after the first (which wins). */
export function insertVolume(volumes: Volume[], volume: Volume): void {
    const at = volumes.findIndex((v) => v.vnr > volume.vnr);
    volumes.splice(at < 0 ? volumes.length : at, 0, volume);
}

/**
 * volume0: the implicit volume that `device/disk/meta-disk` directly in a section define. Mixing
 * it with explicit `volume N {}` blocks is an error.
 */
export function volume0(ctx: BuildContext, volumes: Volume[], at: Loc): Volume {
    const first = volumes[0];
    if (!first) {
        const volume = newVolume(0, at, true);
        volumes.push(volume);
        return volume;
    }
    if (!(first.vnr === 0 && volumes.length === 1 && first.implicit)) {
        ctx.report.error('volume/mixed-implicit-explicit', 'mixing explicit and implicit volumes is not allowed', at);
    }
    return first;
}

/** The names of the section a volume belongs to; undefined for resource level. */
export type OwnerHosts = readonly string[] | undefined;

/** parse_volume_stmt: returns false for statements a volume does not take. `loc` is the statement's. */
export function applyVolumeStatement(ctx: BuildContext, volume: Volume, node: VolumeStatementNode, owner: OwnerHosts, loc = locOf(node, ctx.file), fline?: DrbdadmLine): boolean {
    switch (node.$type) {
        case 'DiskStatement':
            volume.disk = node.name;
            volume.parsedDisk = true;
            volume.diskLoc = loc;
            return true;
        case 'OptionsSection': {
            if (node.kind !== 'disk') {
                return false;
            }
            const lists = buildOptions(ctx, node.options, 'disk');
            volume.diskOptions.push(...lists.disk ?? []);
            volume.pdOptions.push(...lists['peer-device'] ?? []);
            if (lists.device) (volume.deviceOptions ??= []).push(...lists.device);
            volume.parsedDisk = true;
            volume.diskLoc ??= loc;
            return true;
        }
        case 'DeviceStatement':
            applyDevice(ctx, volume, node, owner, loc, fline);
            return true;
        case 'MetaDiskStatement':
            applyMetaDisk(volume, node);
            volume.metaDiskLoc = loc;
            return true;
        case 'TiebreakerStatement':
            return applyTiebreaker(ctx, volume, node, loc);
        default:
            return true; // skip
    }
}

export function buildVolumeSection(ctx: BuildContext, node: VolumeSection, owner: OwnerHosts, loc = locOf(node, ctx.file)): Volume {
    const volume = newVolume(Number.parseInt(node.number ?? '0', 10), loc, false);
    // drbdadm's fline (what parse_device() names): the `volume` keyword's line, then the `{` of
    // the last option section or the last `skip` read (__parse_options(), parse_skip())
    let fline: DrbdadmLine = { file: ctx.file, line: loc.line };
    for (const statement of node.statements) {
        const ok = applyVolumeStatement(ctx, volume, statement, owner, undefined, fline);
        if (statement.$type === 'OptionsSection' || statement.$type === 'SkipSection') {
            fline = { file: ctx.file, line: locOfKeyword(statement, statement.$type === 'SkipSection' ? 'skip' : '{', ctx.file).line };
        }
        if (!ok) {
            const word = statementWord(statement);
            ctx.report.error('syntax/expected', sectionBodyError('VolumeSection', word, tokenNumber(word, ctx.release))!, locOf(statement, ctx.file));
            ctx.report.exit(10);
        }
    }
    return volume;
}

/** The word a statement the parser does not take there starts with, for drbdadm's "but got". */
export function statementWord(statement: VolumeStatementNode | { $type: string }): string {
    return statement.$type === 'TiebreakerStatement' ? 'tiebreaker' : (statement as OptionsSection).kind;
}

/**
 * drbdadm_parser.c parse_volume_stmt(): `tiebreaker yes|no;` since 9.34.0 (older releases read
 * the word as no statement of a volume: false). The value must be the keyword `yes` or `no`.
 */
function applyTiebreaker(ctx: BuildContext, volume: Volume, node: TiebreakerStatement, loc: Loc): boolean {
    if (!atLeast(ctx.release, '9.34.0')) return false;
    if (node.value !== 'yes' && node.value !== 'no') {
        ctx.report.error('syntax/expected', `Parse error: 'yes | no' expected,\n\tbut got '${clip20(node.value ?? ';')}'`, loc);
        ctx.report.exit(10);
        return true;
    }
    volume.tiebreaker = node.value === 'yes';
    return true;
}

function applyMetaDisk(volume: Volume, node: MetaDiskStatement): void {
    volume.metaDisk = node.name;
    volume.parsedMetaDisk = true;
    if (node.name === 'internal') {
        volume.metaIndex = 'internal';
    } else {
        volume.metaIndex = node.keyword === 'meta-disk' && node.index !== undefined ? node.index : 'flexible';
    }
}

/**
 * parse_device: `drbdN` means `/dev/drbdN`; the minor comes from `minor N` or the name. The
 * naming rules are only enforced where drbdadm enforces them: at resource level and in the
 * sections of the host it runs on.
 */
function applyDevice(ctx: BuildContext, volume: Volume, node: DeviceStatement, owner: OwnerHosts, loc: Loc, fline?: DrbdadmLine): void {
    const local = owner === undefined || hostnameInList(ctx.hostname, owner);
    volume.parsedDevice = true;
    volume.deviceLoc = loc;
    if (node.name !== undefined) {
        volume.device = node.name.startsWith('drbd') ? `/dev/${node.name}` : node.name;
        if (local && !volume.device.startsWith('/dev/drbd')) {
            // on the name: drbdadm prints this before it reads on (and may fail on the next token)
            ctx.report.error('device/name', 'device name must start with /dev/drbd\n\t(/dev/ is optional, but drbd is required)', locOfProperty(node, 'name', ctx.file), fline);
        }
    }
    if (node.minor !== undefined) {
        volume.deviceMinor = Number.parseInt(node.minor, 10);
        if (local && volume.device !== undefined) {
            checkMinorMatchesName(ctx, volume.device, volume.deviceMinor, loc, fline);
        }
    } else if (volume.device !== undefined) {
        const digits = /^\/dev\/drbd([0-9]+)$/.exec(volume.device);
        if (digits) {
            volume.deviceMinor = Number.parseInt(digits[1]!, 10);
        } else {
            // parse_device() stores its -1 (unset, printed as 4294967295) as the minor
            volume.deviceMinor = undefined;
            ctx.report.error('device/no-minor', 'no minor given nor device name contains a minor number', loc, fline);
        }
    }
    for (const host of owner ?? []) {
        ctx.globalUniq.check('device-minor/duplicate', `device-minor:${host}:${volume.deviceMinor ?? 4294967295}`, loc, ctx.file, 0);
        if (volume.device !== undefined) {
            ctx.globalUniq.check('device/duplicate', `device:${host}:${volume.device}`, loc, ctx.file, 0);
        }
    }
}

/** check_minor_nonsense */
function checkMinorMatchesName(ctx: BuildContext, device: string, minor: number, loc: Loc, fline?: DrbdadmLine): void {
    const rest = device.slice(9);
    if (/^[0-9]+$/.test(rest)) {
        if (Number.parseInt(rest, 10) !== minor) {
            ctx.report.error('device/minor-mismatch',
                `explicit minor number must match with device name\n\tTry "device /dev/drbd${minor} minor ${minor};",\n\tor leave off either device name or explicit minor.\n\tArbitrary device names must start with /dev/drbd_\n\tmind the '_'! (/dev/ is optional, but drbd_ is required)`, loc, fline);
        }
        return;
    }
    // drbdadm_parser.c check_minor_nonsense(): since 9.31.0 /dev/drbd_NAME only warns (udev no
    // longer makes such links) and other names are errors worded anew
    const udevRules = atLeast(ctx.release, '9.31.0');
    if (rest.startsWith('_')) {
        if (udevRules) {
            ctx.report.warning('device/arbitrary-name',
                `arbitrary device names (/dev/drbd_...) are no longer generated from current udev rules.\n\tYou may need to manually mknod ${device} b 147 ${minor}\n\tYou should no longer use them.`, loc, fline);
        }
    } else if (udevRules) {
        ctx.report.error('device/arbitrary-name', 'explicit device names should be of the form /dev/drbd<minor>', loc, fline);
    } else {
        ctx.report.error('device/arbitrary-name', "arbitrary device name must start with /dev/drbd_\n\tmind the '_'! (/dev/ is optional, but drbd_ is required)", loc, fline);
    }
}
