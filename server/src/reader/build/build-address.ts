import type { Address as AddressNode, ProxyOptions, ProxyPlugins, ProxySection } from '../../syntax/generated/ast.js';
import type { Address, Option, ProxyInfo } from '../../drbd/model.js';
import { checkOption, checkRange, tokenNumber } from '../../drbd/options/index.js';
import { expected, expectedToken } from '../../drbd/options/parse-errors.js';
import type { BuildContext } from './build-context.js';
import type { DrbdadmLine } from '../../drbd/post-parse/report.js';
import { buildOptions } from './build-options.js';
import { locOf, locOfKeyword, locOfProperty } from './loc.js';
import { sectionStartLine } from './section-start.js';

/**
 * __parse_address: `sci` is stored as `ssocks`, no family means ipv4; the port is range-checked.
 * An address the parser could not read (its syntax error is reported) is left empty.
 */
export function buildAddress(ctx: BuildContext, node: AddressNode | undefined, fline?: DrbdadmLine): Address {
    if (!node) return {};
    const portError = node.port !== undefined ? checkRange('port', node.port) : undefined;
    if (portError) {
        // range_check() names drbdadm's fline: the statement's line, or (in a connection) flineAfter()'s
        ctx.report.error('address/port-range', portError, locOfProperty(node, 'port', ctx.file), fline);
    }
    const af = node.family === 'sci' ? 'ssocks' : node.family ?? 'ipv4';
    return { af, addr: node.ip, port: node.port, loc: locOf(node, ctx.file) };
}

/** parse_proxy_section: `proxy on NAMES { inside ADDR; outside ADDR; options {...} }`. */
export function buildProxyOn(ctx: BuildContext, node: ProxySection, fline?: DrbdadmLine): ProxyInfo {
    const loc = locOf(node, ctx.file);
    // drbdadm's fline for its port checks: the caller's (in a connection), else the `proxy` keyword's
    let at: DrbdadmLine = fline ?? { file: ctx.file, line: loc.line };
    const proxy: ProxyInfo = { onHosts: node.names, inside: {}, outside: {}, options: [], plugins: [], loc };
    if (!node.on) {
        // at the `{` drbdadm read instead of `on`
        ctx.report.error('syntax/expected', expectedToken('TK_ON', '{', tokenNumber('{')), locOfKeyword(node, '{', ctx.file));
        ctx.report.exit(10);
    }
    for (const statement of node.statements) {
        switch (statement.$type) {
            case 'ProxyAddress':
                proxy[statement.kind] = buildAddress(ctx, statement.address, at);
                break;
            case 'ProxyOptions': {
                const proxyLine = braceLine(ctx, statement);
                at = proxyLine;
                for (const inner of statement.statements) {
                    if (inner.$type === 'ProxyPlugins') {
                        proxy.plugins.push(...pluginOptions(ctx, inner));
                    } else {
                        proxy.options.push(...buildOptions(ctx, [inner], 'proxy', { proxyLine }).proxy ?? []);
                    }
                }
                break;
            }
            default:
                // `inside {`: __parse_address() fails on the `{`
                if (statement.$type === 'ProxyPlugins' && (statement.name === 'inside' || statement.name === 'outside')) {
                    ctx.report.error('syntax/expected', expected('ssocks | sdp | ipv4 | ipv6 | <ipv4 address> ', '{'), locOfKeyword(statement, '{', ctx.file));
                } else {
                    ctx.report.error('syntax/expected', expected('inside | outside', statement.name), locOf(statement, ctx.file));
                }
                ctx.report.exit(10);
        }
    }
    for (const side of ['inside', 'outside'] as const) {
        if (!proxy[side].addr) {
            // pperror() names c_section_start, which parse_proxy_section() does not set
            ctx.report.error('proxy/missing-address', `in section: proxy on ${node.names.join(' ')} { ... } }: '${side}' keyword missing.`, loc, sectionStartLine(node, ctx.file));
        }
    }
    return proxy;
}

/** A plugin block's `;`-terminated lines, each one option named by its words. */
export function pluginOptions(ctx: BuildContext, plugins: ProxyPlugins): Option[] {
    if (optionWithBrace(ctx, plugins)) return [];
    return plugins.lines.map((line) => ({ name: line.words.join(' '), value: '', loc: locOf(line, ctx.file) }));
}

/**
 * `memlimit {;`: the parser cannot tell a proxy option whose value is `{` from a plugin list;
 * drbdadm's __parse_options() finds the option and checks `{` as its value, then wants `;`.
 */
function optionWithBrace(ctx: BuildContext, plugins: ProxyPlugins): boolean {
    if (plugins.name === undefined) return false;
    const check = checkOption('proxy', plugins.name, '{', ctx.release);
    if (check.fatal) return false;
    if (check.error) ctx.report.error('option/value', check.error, locOfKeyword(plugins, '{', ctx.file));
    const first = plugins.lines[0];
    if (first && first.words.length > 0) {
        ctx.report.error('syntax/expected-semicolon', expectedToken(';', first.words[0]!, tokenNumber(first.words[0]!, ctx.release)), locOfProperty(first, 'words', ctx.file, 0));
        ctx.report.exit(10);
    }
    return true;
}

/**
 * `options { ... }` in a resource's `proxy {}`: proxy_delegate() takes `options` as a plugin's
 * name like any word that is no proxy option; its lines are the statements' words.
 */
export function optionsAsPlugin(ctx: BuildContext, options: ProxyOptions): Option[] {
    return options.statements.flatMap((s) => s.$type === 'OptionStatement' ? [{ name: [s.name, ...s.values].join(' '), value: '', loc: locOf(s, ctx.file) }] : pluginOptions(ctx, s));
}

/** drbdadm's fline in a proxy's option section: the line of its `{` (__parse_options()). */
export function braceLine(ctx: BuildContext, section: ProxySection | ProxyOptions): DrbdadmLine {
    return { file: ctx.file, line: locOfKeyword(section, '{', ctx.file).line };
}
