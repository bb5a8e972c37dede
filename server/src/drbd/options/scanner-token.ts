/**
 * Token numbers of drbdadm 9.22's scanner (drbdadm_parser.h), needed because some parse errors
 * print them (`... but got 'x' (TK 281)`). Only a fallback for callers that do not know the
 * token class of a text themselves.
 */

const KEYWORDS: Readonly<Record<string, number>> = {
    global: 258, resource: 259, on: 260, 'stacked-on-top-of': 261, net: 262, disk: 263, skip: 264,
    syncer: 265, startup: 266, 'disable-ip-verification': 267, 'dialog-refresh': 268, handlers: 270,
    common: 271, address: 272, device: 273, minor: 274, 'meta-disk': 275, 'flexible-meta-disk': 276,
    'node-id': 277, 'minor-count': 278, 'usage-count': 283, ask: 284, yes: 285, no: 286,
    _this_host: 287, _remote_host: 288, _peer_node_id: 289, _is_standalone: 290, proxy: 291,
    inside: 292, outside: 293, sci: 298, sdp: 299, ssocks: 300, ipv4: 301, ipv6: 302, include: 304,
    floating: 306, volume: 307, 'cmd-timeout-short': 308, 'cmd-timeout-medium': 309,
    'cmd-timeout-long': 310, options: 311, connection: 312, host: 313, port: 314,
    'connection-mesh': 315, hosts: 316, via: 317, 'template-file': 318, path: 319,
    'udev-always-use-vnr': 320, 'require-drbd-module-version-eq': 321,
    'require-drbd-module-version-ne': 322, 'require-drbd-module-version-gt': 323,
    'require-drbd-module-version-ge': 324, 'require-drbd-module-version-lt': 325,
    'require-drbd-module-version-le': 326,
};

export const TK_INTEGER = 280;
export const TK_STRING = 281;
export const TK_IPADDR = 279;
export const TK_ELSE = 282;
const TK_ERR_STRING_TOO_LONG = 295;
export const TK_IPADDR6 = 303;
export const TK_KMODVERS = 327;

/** Token number of a text that forms one whole token (a word, number, address or unescaped string). */
export function tokenNumber(text: string): number {
    if (text.length === 1 && '{};[]:'.includes(text)) return text.charCodeAt(0);
    if (KEYWORDS[text] !== undefined) return KEYWORDS[text];
    if (/^\d+\.\d+\.\d+$/.test(text)) return TK_KMODVERS;
    if (/^(\d{1,3}\.){3}\d{1,3}$/.test(text)) return TK_IPADDR;
    if (text.includes(':') && /^[0-9a-fA-F:]+(%[A-Za-z0-9/._-]+)?$/.test(text)) return TK_IPADDR6;
    if (/^\d{1,8}[MKGs]?$/.test(text)) return TK_INTEGER;
    if (/^[A-Za-z0-9/._-]{129,}$/.test(text)) return TK_ERR_STRING_TOO_LONG;
    // anything else longer than one character can only have been a double-quoted string
    return text.length === 1 && !/[A-Za-z0-9/._-]/.test(text) ? TK_ELSE : TK_STRING;
}
