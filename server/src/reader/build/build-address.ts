import type { Address as AddressNode, ProxyPlugins, ProxySection } from '../../syntax/generated/ast.js';
import type { Address, Option, ProxyInfo } from '../../drbd/model.js';
import { checkRange } from '../../drbd/options/index.js';
import type { BuildContext } from './build-context.js';
import { buildOptions } from './build-options.js';
import { firstWordOf, locOf, locOfProperty } from './loc.js';

/**
 * __parse_address: `sci` is stored as `ssocks`, no family means ipv4; the port is range-checked.
 * An address the parser could not read (its syntax error is reported) is left empty.
 */
export function buildAddress(ctx: BuildContext, node: AddressNode | undefined): Address {
    if (!node) return {};
    const portError = node.port !== undefined ? checkRange('port', node.port) : undefined;
    if (portError) {
        ctx.report.error('address/port-range', portError, locOfProperty(node, 'port', ctx.file));
    }
    const af = node.family === 'sci' ? 'ssocks' : node.family ?? 'ipv4';
    return { af, addr: node.ip, port: node.port, loc: locOf(node, ctx.file) };
}

/** parse_proxy_section: `proxy on NAMES { inside ADDR; outside ADDR; options {...} }`. */
export function buildProxyOn(ctx: BuildContext, node: ProxySection): ProxyInfo {
    const loc = locOf(node, ctx.file);
    const proxy: ProxyInfo = { onHosts: node.names, inside: {}, outside: {}, options: [], plugins: [], loc };
    if (!node.on) {
        ctx.report.error('syntax/expected', `Parse error: 'TK_ON' expected,\n\tbut got '{'`, loc);
        ctx.report.exit(10);
    }
    for (const statement of node.statements) {
        switch (statement.$type) {
            case 'ProxyAddress':
                proxy[statement.kind] = buildAddress(ctx, statement.address);
                break;
            case 'ProxyOptions':
                for (const inner of statement.statements) {
                    if (inner.$type === 'ProxyPlugins') {
                        proxy.plugins.push(...pluginOptions(ctx, inner));
                    } else {
                        proxy.options.push(...buildOptions(ctx, [inner], 'proxy').proxy ?? []);
                    }
                }
                break;
            default:
                ctx.report.error('syntax/expected', `Parse error: 'inside | outside' expected,\n\tbut got '${firstWordOf(statement)}'`, locOf(statement, ctx.file));
                ctx.report.exit(10);
        }
    }
    for (const side of ['inside', 'outside'] as const) {
        if (!proxy[side].addr) {
            ctx.report.error('proxy/missing-address', `in section: proxy on ${node.names.join(' ')} { ... } }: '${side}' keyword missing.`, loc);
        }
    }
    return proxy;
}

/** A plugin block's `;`-terminated lines, each one option named by its words. */
export function pluginOptions(ctx: BuildContext, plugins: ProxyPlugins): Option[] {
    return plugins.lines.map((line) => ({ name: line.words.join(' '), value: '', loc: locOf(line, ctx.file) }));
}
