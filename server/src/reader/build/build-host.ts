import type { FloatingSection, HostSection, HostStatement, StackedSection, ThisHostSection } from '../../syntax/generated/ast.js';
import type { HostInfo, Loc, Resource } from '../../drbd/model.js';
import { checkRange } from '../../drbd/options/index.js';
import { buildAddress, buildProxyOn } from './build-address.js';
import type { BuildContext } from './build-context.js';
import { buildOptions } from './build-options.js';
import { applyVolumeStatement, buildVolumeSection, insertVolume, statementWord, volume0 } from './build-volume.js';
import { firstWordOf, locOf, locOfProperty } from './loc.js';
import { atLeast } from '../../drbd/release.js';

type HostSectionNode = HostSection | FloatingSection | ThisHostSection;

/** parse_host_section for `on NAMES {}`, `floating ADDR {}` and `_this_host {}`. */
export function buildHostSection(ctx: BuildContext, res: Resource, node: HostSectionNode, loc = locOf(node, ctx.file)): HostInfo {
    const names = node.$type === 'HostSection' ? node.names : node.$type === 'ThisHostSection' ? ['_this_host'] : [];
    const host: HostInfo = {
        kind: node.$type === 'HostSection' ? 'on' : node.$type === 'FloatingSection' ? 'floating' : '_this_host',
        onHosts: [...names], volumes: [], address: {}, loc, implicit: false,
        byAddress: node.$type === 'FloatingSection', requireMinor: node.$type !== 'ThisHostSection', resOptions: [],
    };
    if (node.$type === 'FloatingSection' && node.address) {
        host.address = buildAddress(ctx, node.address);
        const { af, addr, port } = host.address;
        host.onHosts.unshift(floatingName(ctx, af, addr, port));
    }
    for (const name of names) {
        ctx.resourceUniq.check('host-section/duplicate', `${res.name}: on ${name}`, loc, ctx.file, loc.line);
    }
    res.allHosts.push(host);
    for (const statement of node.statements) {
        applyHostStatement(ctx, res, host, names, statement);
    }
    return host;
}

/**
 * drbdadm_parser.c parse_host_section(): a floating section's fake host name. Since 9.23.0 it
 * is `ADDR:PORT` made a valid DRBD name (fixup_name_inplace_for_strict_names: characters other
 * than letters, digits and `+-._` become `_`); before, `ipv6 [ADDR]:PORT` or `ADDR:PORT`.
 */
function floatingName(ctx: BuildContext, af: string | undefined, addr: string | undefined, port: string | undefined): string {
    if (atLeast(ctx.release, '9.23.0')) return `${addr}:${port}`.replace(/[^0-9A-Za-z+\-._]/g, '_');
    return af === 'ipv6' ? `ipv6 [${addr}]:${port}` : `${addr}:${port}`;
}

function applyHostStatement(ctx: BuildContext, res: Resource, host: HostInfo, names: readonly string[], statement: HostStatement): void {
    // Address and node-id statements need their location only for a message: read when first asked for, once.
    let loc: Loc | undefined;
    const at = () => (loc ??= locOf(statement, ctx.file));
    switch (statement.$type) {
        case 'AddressStatement':
            if (host.byAddress) {
                ctx.report.error('floating/address', 'address statement not allowed for floating {} host sections', at());
                ctx.report.exit(10);
                return;
            }
            statementOnce(ctx, res, names, 'address', at);
            host.address = buildAddress(ctx, statement.address);
            return;
        case 'NodeIdStatement':
            setNodeId(ctx, res, host, names, statement.id, locOfProperty(statement, 'id', ctx.file), at);
            return;
        case 'ProxySection':
            host.proxyCompatOnly = buildProxyOn(ctx, statement);
            return;
        case 'VolumeSection':
            insertVolume(host.volumes, buildVolumeSection(ctx, statement, names, at()));
            return;
        case 'OptionsSection':
            if (statement.kind === 'options') {
                host.resOptions.push(...buildOptions(ctx, statement.options, 'options').resource ?? []);
                return;
            }
            if (statement.kind === 'disk') {
                statementOnce(ctx, res, names, 'disk', at);
                applyVolumeStatement(ctx, volume0(ctx, host.volumes, at()), statement, names, at());
                return;
            }
            break;
        case 'TiebreakerStatement':
            // drbdadm_parser.c parse_host_section(): only `volume N {}` takes it, never a host section
            break;
        case 'DiskStatement':
        case 'DeviceStatement':
        case 'MetaDiskStatement':
            // meta-disk and flexible-meta-disk share one key
            statementOnce(ctx, res, names, statement.$type === 'DiskStatement' ? 'disk' : statement.$type === 'DeviceStatement' ? 'device' : 'meta-disk', at);
            applyVolumeStatement(ctx, volume0(ctx, host.volumes, at()), statement, names, at());
            return;
        case 'SkipSection':
            return;
    }
    ctx.report.error('syntax/expected', `Parse error: 'disk | device | address | meta-disk | flexible-meta-disk | node-id | skip' expected,\n\tbut got '${statementWord(statement)}'`, at());
    ctx.report.exit(10);
}

/**
 * A host section's statement that each of its names may have once per resource (`on a b` and a
 * later `on b` share b's). A module-level function, not a closure per statement: 50 000
 * statements at 5000 resources.
 */
function statementOnce(ctx: BuildContext, res: Resource, names: readonly string[], key: 'address' | 'disk' | 'device' | 'meta-disk' | 'node-id', at: () => Loc): void {
    for (const name of names) {
        ctx.resourceUniq.check(`${key}-statement/duplicate`, `${res.name}:${name}:${key}`, at, ctx.file);
    }
}

/** `at`: where the statement is, for a message (see statementOnce). */
function setNodeId(ctx: BuildContext, res: Resource, host: HostInfo, names: readonly string[], id: string | undefined, loc: HostInfo['loc'], at: () => Loc): void {
    // Without its number the statement is a syntax error, reported already.
    if (id === undefined) return;
    const rangeError = checkRange('node-id', id);
    if (rangeError) {
        ctx.report.error('node-id/range', rangeError, loc);
    }
    host.nodeId = id;
    host.nodeIdLoc = loc;
    statementOnce(ctx, res, names, 'node-id', at);
    ctx.resourceUniq.check('node-id/duplicate', `${res.name}:${id}`, loc, ctx.file, loc.line);
}

/** parse_stacked_section: `stacked-on-top-of LOWER { device; address; node-id; proxy; volume }`. */
export function buildStackedSection(ctx: BuildContext, res: Resource, node: StackedSection, loc = locOf(node, ctx.file)): HostInfo {
    const host: HostInfo = {
        kind: 'stacked-on-top-of', onHosts: [], volumes: [], address: {}, loc, implicit: false, byAddress: false,
        requireMinor: false, resOptions: [], lowerName: node.lower,
    };
    res.allHosts.push(host);
    ctx.globalUniq.check('stacked-on-top-of/duplicate', `stacked:${node.lower}`, loc, ctx.file, loc.line);
    for (const statement of node.statements) {
        const at = locOf(statement, ctx.file);
        switch (statement.$type) {
            case 'DeviceStatement': {
                const volume = volume0(ctx, host.volumes, at);
                applyVolumeStatement(ctx, volume, statement, [], at);
                volume.metaDisk = volume.metaIndex = 'internal';
                continue;
            }
            case 'AddressStatement':
                host.address = buildAddress(ctx, statement.address);
                continue;
            case 'NodeIdStatement':
                // no names of its own to key on
                setNodeId(ctx, res, host, [], statement.id, locOfProperty(statement, 'id', ctx.file), () => at);
                continue;
            case 'ProxySection':
                host.proxyCompatOnly = buildProxyOn(ctx, statement);
                continue;
            case 'VolumeSection': {
                const volume = buildVolumeSection(ctx, statement, [], at);
                volume.metaDisk = volume.metaIndex = 'internal';
                insertVolume(host.volumes, volume);
                continue;
            }
        }
        ctx.report.error('syntax/expected', `Parse error: 'device | address | proxy | volume | node-id' expected,\n\tbut got '${firstWordOf(statement)}'`, at);
        ctx.report.exit(10);
    }
    return host;
}

export { checkRange };
