import type { ConnectionSection, Endpoint, MeshSection, VolumeSection } from '../../syntax/generated/ast.js';
import type { AstNode } from 'langium';
import { expectedToken } from '../../drbd/options/parse-errors.js';
import type { Connection, HnameAddress, Loc, Path, Resource } from '../../drbd/model.js';
import { checkRange } from '../../drbd/options/index.js';
import { tokenNumber, TK_STRING } from '../../drbd/options/scanner-token.js';
import { sectionBodyError } from '../../syntax/drbd-parser-errors.js';
import { atLeast } from '../../drbd/release.js';
import { buildAddress, buildProxyOn } from './build-address.js';
import type { BuildContext } from './build-context.js';
import { buildOptions } from './build-options.js';
import { firstWordOf, headOf, locOf, locOfKeyword, locOfProperty } from './loc.js';
import type { DrbdadmLine } from '../../drbd/post-parse/report.js';

/** parse_hname_address_pair: `host NAME [address ADDR | port N]`, `address ADDR`, `_this_host ADDR`... */
function buildEndpoint(ctx: BuildContext, node: Endpoint, loc: Loc, fline: DrbdadmLine): HnameAddress {
    const endpoint: HnameAddress = {
        name: node.kind === 'host' ? node.name ?? '' : node.kind === 'address' ? 'UNKNOWN' : node.kind,
        loc, address: {}, byAddress: node.kind === 'address', parsedAddress: false, parsedPort: false,
    };
    if (node.address) {
        endpoint.address = buildAddress(ctx, node.address, fline);
        endpoint.parsedAddress = true;
    } else if (node.port !== undefined) {
        const error = checkRange('port', node.port);
        if (error) {
            ctx.report.error('address/port-range', error, locOfProperty(node, 'port', ctx.file), fline);
        }
        endpoint.address = { port: node.port, loc: locOfProperty(node, 'port', ctx.file) };
        endpoint.parsedPort = true;
    }
    if (node.via) {
        endpoint.proxy = buildProxyOn(ctx, node.via, fline);
    } else if (node.outsideKeyword) {
        buildOutsideAddress(ctx, endpoint, node);
    }
    return endpoint;
}

/**
 * drbdadm_parser.c parse_via(): `via outside-address ADDR;` (the address the peer reaches this
 * endpoint at through NAT) since 9.23.0; before, `via` had to be followed by `proxy`.
 */
function buildOutsideAddress(ctx: BuildContext, endpoint: HnameAddress, node: Endpoint): void {
    if (!atLeast(ctx.release, '9.23.0')) {
        ctx.report.error('syntax/expected', `Parse error: 'TK_PROXY' expected,\n\tbut got 'outside-address' (TK ${TK_STRING})`,
            locOfProperty(node, 'outsideKeyword', ctx.file));
        ctx.report.exit(10);
        return;
    }
    endpoint.outsideAddress = buildAddress(ctx, node.outside);
}

/** parse_connection */
export function buildConnection(ctx: BuildContext, node: ConnectionSection, loc = locOf(node, ctx.file)): Connection {
    const connection: Connection = { paths: [], loc, peerDevices: [], netOptions: [], pdOptions: [], implicit: false, isStandalone: false };
    // drbdadm_parser.c parse_connection(): up to 9.21 the name is the connection's `_name`;
    // since 9.22.0 it is ignored with a warning
    if (node.name !== undefined && !atLeast(ctx.release, '9.22.0')) {
        connection.name = node.name;
    } else if (node.name !== undefined) {
        ctx.report.warning('connection/named', `explicitly named connections are deprecated!\n\tits name ('${node.name}') will be ignored`, locOfProperty(node, 'name', ctx.file));
    }
    let endpoints = 0;
    let sawNet = false;
    // drbdadm's `fline` (the line its messages here name): the `connection` keyword's, then the
    // `{` of the last option section or the last `skip` read (__parse_options(), parse_skip()).
    let fline: DrbdadmLine = { file: ctx.file, line: loc.line };
    for (const statement of node.statements) {
        const at = locOf(statement, ctx.file);
        switch (statement.$type) {
            case 'Endpoint':
                directPath(ctx, connection, at).hnameAddresses.push(buildEndpoint(ctx, statement, at, fline));
                if (++endpoints >= 3) {
                    ctx.report.error('connection/too-many-hosts', "only two 'host' keywords per connection allowed", at, fline);
                }
                break;
            case 'PathSection':
                connection.paths.push(buildPath(ctx, statement.endpoints, at, fline));
                break;
            case 'OptionsSection':
                if (statement.kind === 'net') {
                    if (sawNet) {
                        ctx.report.error('connection/second-net', "only one 'net' section per connection allowed", at, fline);
                    }
                    sawNet = true;
                    connection.netOptions.push(...buildOptions(ctx, statement.options, 'net').net ?? []);
                } else if (statement.kind === 'disk') {
                    connection.pdOptions = buildOptions(ctx, statement.options, 'peer-disk')['peer-device'] ?? [];
                } else {
                    expectedInConnection(ctx, statement.kind, at);
                }
                break;
            case 'VolumeSection': {
                // without its number the parser reported the error drbdadm makes
                if (statement.number === undefined) break;
                const [disk, ...rest] = statement.statements;
                if (disk?.$type !== 'OptionsSection' || disk.kind !== 'disk' || rest.length > 0) {
                    peerDeviceError(ctx, statement);
                    break;
                }
                connection.peerDevices.push({
                    vnr: Number.parseInt(statement.number, 10), loc: at, implicit: false,
                    pdOptions: buildOptions(ctx, disk.options, 'peer-disk')['peer-device'] ?? [],
                });
                break;
            }
            case 'PeerNodeId': {
                if (statement.id === undefined) break;
                const error = checkRange('node-id', statement.id);
                if (error) {
                    ctx.report.error('node-id/range', error, at);
                }
                connection.peerNodeId = statement.id;
                break;
            }
            case 'IsStandalone':
                connection.isStandalone = true;
                break;
        }
        fline = flineAfter(ctx, statement, fline);
    }
    if (connection.paths.length === 0) {
        ctx.report.error('connection/no-path', 'connection without a single path (maybe empty?) not allowed', headOf(loc));
    }
    return connection;
}

/** path0: direct `host` lines form one implicit path; not after an explicit `path {}`. */
function directPath(ctx: BuildContext, connection: Connection, at: Path['loc']): Path {
    const first = connection.paths[0];
    if (!first) {
        const path: Path = { loc: at, hnameAddresses: [], implicit: true };
        connection.paths.push(path);
        return path;
    }
    if (!first.implicit) {
        ctx.report.error('connection/mixed-paths', 'Explicit and implicit paths not allowed', at);
    }
    return first;
}

/** Where drbdadm's fline is after a connection's statement: at the `{` of an option section read, the `skip`. */
function flineAfter(ctx: BuildContext, statement: ConnectionSection['statements'][number], fline: DrbdadmLine): DrbdadmLine {
    const options = statement.$type === 'VolumeSection' ? statement.statements[0] : statement;
    if (options?.$type === 'OptionsSection' || options?.$type === 'SkipSection') {
        return { file: ctx.file, line: locOfKeyword(options, options.$type === 'SkipSection' ? 'skip' : '{', ctx.file).line };
    }
    return fline;
}

function buildPath(ctx: BuildContext, endpoints: readonly Endpoint[], loc: Path['loc'], fline: DrbdadmLine): Path {
    const path: Path = { loc, hnameAddresses: [], implicit: false };
    for (const node of endpoints) {
        const at = locOf(node, ctx.file);
        path.hnameAddresses.push(buildEndpoint(ctx, node, at, fline));
        if (path.hnameAddresses.length >= 3) {
            ctx.report.error('path/too-many-hosts', "only two 'host' keywords per path allowed", at, fline);
        }
    }
    return path;
}

/**
 * parse_peer_device(): `volume N { disk { ... } }` and nothing else — EXP(TK_DISK), EXP('{'),
 * the options, EXP('}'); the first token that is not what it wants.
 */
function peerDeviceError(ctx: BuildContext, volume: VolumeSection): void {
    const [first, second] = volume.statements;
    const at = (node: AstNode | undefined, word: string, wanted: string, loc: Loc): void => {
        ctx.report.error('syntax/expected', expectedToken(wanted, word, tokenNumber(word, ctx.release)), node ? locOf(node, ctx.file) : loc);
        ctx.report.exit(10);
    };
    if (!first) at(undefined, '}', 'TK_DISK', locOfKeyword(volume, '}', ctx.file));
    else if (first.$type === 'DiskStatement') at(undefined, first.name, '{', locOfProperty(first, 'name', ctx.file));
    else if (first.$type !== 'OptionsSection' || first.kind !== 'disk') at(first, firstWordOf(first), 'TK_DISK', locOf(first, ctx.file));
    else if (second) at(second, firstWordOf(second), '}', locOf(second, ctx.file));
}

function expectedInConnection(ctx: BuildContext, got: string, at: Path['loc']): void {
    ctx.report.error('syntax/expected', sectionBodyError('ConnectionSection', got, tokenNumber(got, ctx.release))!, at);
    ctx.report.exit(10);
}

/** parse_connection_mesh */
export function buildMesh(ctx: BuildContext, res: Resource, node: MeshSection, loc = locOf(node, ctx.file)): void {
    const mesh: Resource['meshes'][number] = { hosts: [], netOptions: [], loc };
    let sawNet = false;
    for (const statement of node.statements) {
        const at = locOf(statement, ctx.file);
        if (statement.$type === 'MeshHosts') {
            statement.names.forEach((name, i) => mesh.hosts.push({ name, loc: locOfProperty(statement, 'names', ctx.file, i) }));
        } else if (statement.kind === 'net') {
            if (sawNet) {
                ctx.report.error('mesh/second-net', "only one 'net' section allowed", at, { file: ctx.file, line: mesh.loc.line });
            }
            sawNet = true;
            mesh.netOptions.push(...buildOptions(ctx, statement.options, 'net').net ?? []);
        } else {
            ctx.report.error('syntax/expected', sectionBodyError('MeshSection', statement.kind, tokenNumber(statement.kind, ctx.release))!, at);
            ctx.report.exit(10);
        }
    }
    res.meshes.push(mesh);
}
