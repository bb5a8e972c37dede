import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';

/** What drbdadm calls a token class in its "'X' expected" messages. */
function expectedName(type: TokenType): string {
    const name = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    switch (name) {
        case 'WORD': case 'DQSTRING': return 'TK_STRING';
        case 'INT': return 'TK_INTEGER';
        case 'IPV4': return 'TK_IPADDR';
        case 'IPV6': return 'TK_IPADDR6';
        case 'KMODVERS': return 'TK_KMODVERS';
        default: return name;
    }
}

/** drbdadm's check_string_error() text for the scanner's error tokens. */
function tokenError(token: IToken): string | undefined {
    if (token.tokenType.name !== 'TOO_LONG') {
        return undefined;
    }
    const head = token.image.slice(0, 20);
    if (!token.image.startsWith('"')) {
        return `Token too long >>>${head}...<<<`;
    }
    if (token.image.endsWith('\n') || token.image.endsWith('\\')) {
        return `Unterminated double quoted string\n  we don't allow embedded newlines\n  >>>${head}...<<<`;
    }
    return `Double quoted string too long >>>${head}...<<<`;
}

function got(token: IToken): string {
    // drbdadm's scanner leaves a double-quoted string's text without its quotes in yytext.
    const image = token.tokenType.name === 'EOF' ? '' : token.tokenType.name === 'DQSTRING' ? token.image.slice(1, -1) : token.image;
    return `'${image.slice(0, 20)}${image.length > 20 ? '...' : ''}'`;
}

export const SKIP_AT_EOF = 'reached eof while parsing this skip block.';
export const PLUGIN_WITHOUT_BRACE = 'expected "{" after "proxy" keyword';
export const PLUGIN_LINE_UNTERMINATED = 'Missing ";" before  "}"';

/** The one parse error drbdadm does not make: a resource left open at the end of the input. */
export const UNCLOSED_RESOURCE_AT_EOF = "missing '}' of the last resource at the end of the file (drbdadm accepts this)";

// Langium suffixes rule names with an invisible character, hence rule() below.
function rule(ruleName: string): string {
    return ruleName.replace(/[^A-Za-z]/g, '');
}

/**
 * The number drbdadm's scanner gives a token's text (pe_expected_got prints it as `(TK n)`). The
 * table is drbdadm's, kept with the options; whoever assembles the parser passes it in.
 */
export type TokenNumbering = (image: string) => number;

/** What EXP(TOKEN) names the token it wanted: its stringized argument. */
function expName(type: TokenType): string {
    const name = expectedName(type);
    return /^[a-z][a-z-]*$/.test(name) ? `TK_${name.toUpperCase().replace(/-/g, '_')}` : name;
}

/** pe_expected: no token number. */
function peExpected(what: string, actual: IToken): string {
    return tokenError(actual) ?? `Parse error: '${what}' expected,\n\tbut got ${got(actual)}`;
}

const RESOURCE_BODY: [string, boolean] = ['protocol | on | disk | net | syncer | startup | handlers | connection | ignore-on | stacked-on-top-of | skip', true];
const HOST_BODY: [string, boolean] = ['disk | device | address | meta-disk | flexible-meta-disk | node-id | skip', false];

/** The statement lists drbdadm prints when a section's body has a token it does not take (drbdadm_parser.c, 9.22). */
const SECTION_BODY: Record<string, [expected: string, withTokenNumber: boolean]> = {
    // parse_resource()
    ResourceSection: RESOURCE_BODY,
    CommonSection: RESOURCE_BODY,
    // parse_host_section()
    HostSection: HOST_BODY,
    ThisHostSection: HOST_BODY,
    FloatingSection: HOST_BODY,
    // parse_stacked_section()
    StackedSection: ['device | address | proxy | volume | node-id', false],
    // parse_volume()
    VolumeSection: ['device | disk | meta-disk | flex-meta-disk | }', true],
    // parse_proxy_section()
    ProxySection: ['inside | outside', false],
    // parse_connection(), parse_path(), parse_connection_mesh()
    ConnectionSection: ['host | net | skip | }', true],
    PathSection: ['host | }', true],
    MeshSection: ['hosts | net | }', true],
    // parse_global()
    GlobalSection: ['dialog-refresh | minor-count | disable-ip-verification', false],
};

/** A section body's error for a token given by its text and number (see SECTION_BODY). */
export function sectionBodyError(ruleName: string, image: string, tk: number): string | undefined {
    const body = SECTION_BODY[ruleName];
    if (!body) return undefined;
    const text = `Parse error: '${body[0]}' expected,\n\tbut got ${got({ image, tokenType: { name: 'WORD' } } as IToken)}`;
    return body[1] ? `${text} (TK ${tk})` : text;
}

const TOP_LEVEL = 'global | common | resource | skip | include |\n\trequire-drbd-module-version-{eq,ne,gt,ge,lt,le}';
const ADDRESS_START = 'ssocks | sdp | ipv4 | ipv6 | <ipv4 address> ';
const ADDRESS_FAMILIES = new Set(['ssocks', 'sdp', 'sci', 'ipv4']);

/**
 * Where drbdadm reports an error the parser found one token early: an alternative decided by
 * two tokens (`disk X`, `sdp X`) fails on the first, drbdadm on the second. Keyed by the token
 * and kept with the message, since recovery may report the same token again, differently.
 */
const reportedAtMap = new WeakMap<IToken, Array<{ at: IToken; message: string }>>();

/** The token drbdadm names for the parser error `message` on `token`. */
export function reportedAt(token: IToken, message: string): IToken {
    return entryOf(reportedAtMap, token, (r) => r.message === message)?.at ?? token;
}

/** The rule a mismatched token was met in, and what it wanted there (per token: its first mismatch). */
const mismatchedInMap = new WeakMap<IToken, Array<{ rule: string; wanted: string; message: string }>>();

/** Where the parser error `message` on `token` was a mismatch: in which rule, wanting what. */
export function mismatchedIn(token: IToken, message: string): { rule: string; wanted: string } | undefined {
    return entryOf(mismatchedInMap, token, (m) => m.message === message);
}

/**
 * The end of the input is one token object for every parse (Chevrotain's END_OF_FILE): its
 * entries pile up over parses, so its latest entry counts (another token's first), and only its
 * latest few are kept.
 */
const KEPT_AT_END = 16;

function remember<T>(map: WeakMap<IToken, T[]>, token: IToken, entry: T): void {
    const list = map.get(token);
    if (!list) map.set(token, [entry]);
    else if (list.push(entry) > KEPT_AT_END && token.tokenType.name === 'EOF') list.shift();
}

function entryOf<T>(map: WeakMap<IToken, T[]>, token: IToken, test: (entry: T) => boolean): T | undefined {
    const list = map.get(token) ?? [];
    if (token.tokenType.name !== 'EOF') return list.find(test);
    for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return list[i];
    return undefined;
}

/** Parse errors worded as drbdadm words them in that place (`Parse error: 'X' expected, but got 'Y' (TK n)`). */
export class DrbdParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    constructor(private readonly tokenNumber: TokenNumbering) {
        super();
    }

    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const { expected, actual, previous } = options;
        const ruleName = rule(options.ruleName);
        const wanted = expectedName(expected);
        const message = this.mismatchMessage(ruleName, wanted, expected, actual, previous);
        remember(mismatchedInMap, actual, { rule: ruleName, wanted, message });
        return message;
    }

    private mismatchMessage(ruleName: string, wanted: string, expected: TokenType, actual: IToken, previous: IToken): string {
        if (actual.tokenType.name === 'EOF') {
            if (ruleName === 'SkipBlock') return SKIP_AT_EOF;
            // parse_resource() ends at the end of the input as at a `}` (common {} too)
            if ((ruleName === 'ResourceSection' || ruleName === 'CommonSection') && wanted === '}') return UNCLOSED_RESOURCE_AT_EOF;
        }
        if (ruleName === 'DrbdFile') return peExpected(TOP_LEVEL, actual);
        const body = SECTION_BODY[ruleName];
        if (body && wanted === '}') return body[1] ? this.expectedGot(body[0], actual) : peExpected(body[0], actual);
        if (wanted === ';') {
            const afterName = previous.tokenType.name === 'WORD' || previous.tokenType.name === 'DQSTRING';
            // parse_hname_address_pair(): after the host name, after its address or port
            if (ruleName === 'Endpoint') return this.expectedGot(afterName ? 'address | port | ;' : 'via | ; ', actual);
            // parse_device(): after the device name
            if (ruleName === 'DeviceStatement' && afterName) return peExpected('minor | ;', actual);
            // parse_meta_disk(): after an external meta-disk's name
            if (ruleName === 'MetaDiskStatement' && afterName && previous.image !== 'internal') return peExpected('[ | ;', actual);
            // parse_hosts(hosts, ';')
            if (ruleName === 'MeshHosts') return this.expectedGot("TK_STRING | ';'", actual);
        }
        // parse_hosts(on_hosts, '{') (of `proxy on` too)
        if (wanted === '{' && (ruleName === 'HostSection' || (ruleName === 'ProxySection' && previous.image !== 'proxy'))) return this.expectedGot("TK_STRING | '{'", actual);
        return this.expectedGot(expName(expected), actual);
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return peExpected(TOP_LEVEL, options.firstRedundant);
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const [first, second] = options.actual as [IToken, IToken | undefined];
        const ruleName = rule(options.ruleName);
        if (ruleName === 'Name') return this.expectedGot('TK_STRING', first);
        if (ruleName === 'Address') {
            // __parse_address(): a family, then the address
            if (second && ADDRESS_FAMILIES.has(first.image) && first.tokenType.name !== 'DQSTRING') {
                return this.reportAt(first, second, this.expectedGot('TK_IPADDR', second));
            }
            if (second && first.image === 'ipv6' && first.tokenType.name !== 'DQSTRING') {
                return this.reportAt(first, second, this.expectedGot('[', second));
            }
            return peExpected(ADDRESS_START, first);
        }
        // parse_hname_address_pair(): `via` then neither `proxy` nor (since 9.23) `outside-address`;
        // worded as 9.22 does, the CLI words it for the release (drbdadm-messages.ts)
        if (ruleName === 'Endpoint' && options.previous.image === 'via' && options.previous.tokenType.name !== 'DQSTRING') return this.expectedGot('TK_PROXY', first);
        if (ruleName === 'Endpoint' && second && first.image === 'via' && first.tokenType.name !== 'DQSTRING') return this.reportAt(first, second, this.expectedGot('TK_PROXY', second));
        // parse_hname_address_pair(): after the host name, after its address or port
        if (ruleName === 'Endpoint') {
            const afterName = options.previous.tokenType.name === 'WORD' || options.previous.tokenType.name === 'DQSTRING';
            return this.expectedGot(afterName ? 'address | port | ;' : 'via | ; ', first);
        }
        // floating ADDRESS then neither `{` nor `;`
        if (ruleName === 'FloatingSection') return this.expectedGot('{ | ;', first);
        // `disk` then neither a name nor `{` (parse_resource(), parse_volume_stmt())
        if (second && first.image === 'disk' && first.tokenType.name !== 'DQSTRING') {
            return this.reportAt(first, second, this.expectedGot('TK_STRING | {', second));
        }
        // drbdadm_parser.c proxy_delegate(): a word no proxy option takes must open a plugin list
        // with `{`, whose lines end with `;` (the reader puts these on drbdadm's line, and words
        // the body of `proxy on` by its own list)
        if (ruleName === 'ProxyStatement' || ruleName === 'ProxyOptions') {
            const inList = second?.image === '{';
            const message = inList ? PLUGIN_LINE_UNTERMINATED : PLUGIN_WITHOUT_BRACE;
            remember(mismatchedInMap, first, { rule: 'ProxyStatement', wanted: inList ? ';' : '{', message });
            return message;
        }
        return this.expectedOneOf(options.expectedPathsPerAlt.flat(), first);
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const actual = options.actual[0]!;
        const ruleName = rule(options.ruleName);
        // parse_hosts(): no name at all before the delimiter, or something else
        if (ruleName === 'HostSection' || ruleName === 'ProxySection') return this.expectedGot(actual.image === '{' ? 'TK_STRING' : "TK_STRING | '{'", actual);
        if (ruleName === 'MeshHosts') return this.expectedGot(actual.image === ';' ? 'TK_STRING' : "TK_STRING | ';'", actual);
        return this.expectedOneOf(options.expectedIterationPaths, actual);
    }

    private reportAt(first: IToken, second: IToken, message: string): string {
        remember(reportedAtMap, first, { at: second, message });
        return message;
    }

    private expectedOneOf(paths: TokenType[][], actual: IToken): string {
        const names = [...new Set(paths.map((path) => path[0]).filter((t): t is TokenType => !!t).map(expName))];
        return this.expectedGot(names.join(' | '), actual);
    }

    /** pe_expected_got (and EXP): with the token number. */
    private expectedGot(what: string, actual: IToken): string {
        const tk = actual.tokenType.name === 'EOF' ? 0 : this.tokenNumber(actual.image);
        return tokenError(actual) ?? `Parse error: '${what}' expected,\n\tbut got ${got(actual)} (TK ${tk})`;
    }
}
