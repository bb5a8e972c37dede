/**
 * Token numbers of drbdadm's scanner (drbdadm_parser.h `enum yytokentype`), needed because some
 * parse errors print them (`... but got 'x' (TK 281)`). Only a fallback for callers that do not
 * know the token class of a text themselves. The table is 9.22's; later releases insert tokens
 * (see `shifted`).
 */
import { atLeast, DEFAULT_RELEASE, type ReleaseVersion } from '../release.js';


/** 9.15.0 - 9.22.x. */
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
/** First tokens after the insertion points: TK_PROXY (9.32) and TK_HOST (9.23), as 9.22 numbers them. */
const TK_PROXY = 291;
const TK_HOST = 313;

/**
 * A 9.22 token number as `release` numbers it: TK_OUTSIDE_ADDRESS went in before TK_HOST in
 * 9.23.0, TK__UNKNOWN before TK_PROXY in 9.32.0 (TK__IS_STANDALONE became TK__CSTATE then);
 * TK_TIEBREAKER (9.34.0) came last.
 */
function shifted(tk: number, release: ReleaseVersion): number {
    let n = tk;
    if (tk >= TK_HOST && atLeast(release, '9.23.0')) n++;
    if (tk >= TK_PROXY && atLeast(release, '9.32.0')) n++;
    return n;
}

/** Keywords that are not in 9.22's table, or left it, with their number in `release` (undefined: a word there). */
function laterKeyword(text: string, release: ReleaseVersion): number | undefined {
    switch (text) {
        case 'outside-address': return atLeast(release, '9.23.0') ? shifted(TK_HOST, release) - 1 : undefined;
        case '_cstate': return atLeast(release, '9.32.0') ? KEYWORDS._is_standalone : undefined;
        case '_unknown': return atLeast(release, '9.32.0') ? TK_PROXY : undefined;
        case 'tiebreaker': return atLeast(release, '9.34.0') ? shifted(TK_KMODVERS, release) + 1 : undefined;
        default: return undefined;
    }
}

function keyword(text: string, release: ReleaseVersion): number | undefined {
    if (text === '_is_standalone' && atLeast(release, '9.32.0')) return undefined;
    const old = KEYWORDS[text];
    return old !== undefined ? shifted(old, release) : laterKeyword(text, release);
}

/** Token number of a text that forms one whole token (a word, number, address or unescaped string). */
export function tokenNumber(text: string, release: ReleaseVersion = DEFAULT_RELEASE): number {
    if (text.length === 1 && '{};[]:'.includes(text)) return text.charCodeAt(0);
    const kw = keyword(text, release);
    if (kw !== undefined) return kw;
    if (/^\d+\.\d+\.\d+$/.test(text)) return shifted(TK_KMODVERS, release);
    if (/^(\d{1,3}\.){3}\d{1,3}$/.test(text)) return TK_IPADDR;
    if (text.includes(':') && /^[0-9a-fA-F:]+(%[A-Za-z0-9/._-]+)?$/.test(text)) return shifted(TK_IPADDR6, release);
    if (/^\d{1,8}[MKGs]?$/.test(text)) return TK_INTEGER;
    if (/^[A-Za-z0-9/._-]{129,}$/.test(text)) return shifted(TK_ERR_STRING_TOO_LONG, release);
    // anything else longer than one character can only have been a double-quoted string
    return text.length === 1 && !/[A-Za-z0-9/._-]/.test(text) ? TK_ELSE : TK_STRING;
}
