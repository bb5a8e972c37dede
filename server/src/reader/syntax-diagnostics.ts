import type { IToken } from 'chevrotain';
import type { AstNode, CstNode, LangiumDocument } from 'langium';
import type { Diagnostic, Loc } from '../drbd/model.js';
import { AstUtils, GrammarUtils, isCompositeCstNode } from 'langium';
import { locOf, locOfKeyword, makeLoc, startsBefore } from './build/loc.js';
import { tokenNumber, TK_ELSE, TK_INTEGER, TK_IPADDR, TK_IPADDR6, TK_KMODVERS, TK_STRING } from '../drbd/options/scanner-token.js';
import { gotText, tokenFrom, type ScannedToken } from './drbdadm-tokens.js';
import { proxyDelegateError } from './proxy-delegate.js';
import { expected, expectedToken } from '../drbd/options/parse-errors.js';
import { checkGlobalOption, findOption } from '../drbd/options/index.js';
import { DEFAULT_RELEASE } from '../drbd/release.js';
import { mismatchedIn, PLUGIN_LINE_UNTERMINATED, PLUGIN_WITHOUT_BRACE, reportedAt, sectionBodyError, SKIP_AT_EOF, UNCLOSED_RESOURCE_AT_EOF } from '../syntax/drbd-parser-errors.js';
import { isDirect } from '../syntax/direct-parser.js';
import { isConnectionSection, isDeviceStatement, isDrbdFile, isGlobalStatement, isOptionsSection, isOptionStatement, isProxyOptions, isProxyPlugins, isProxySection, isSkipSection, type OptionsSection, type ProxyOptions, type ProxySection } from '../syntax/generated/ast.js';

type Mismatch = ReturnType<typeof mismatchedIn>;

/** The parser's errors as model diagnostics (drbdadm-worded by DrbdParserErrorMessageProvider). */
export function syntaxDiagnostics(document: LangiumDocument, file: string): Diagnostic[] {
    const diagnostics = document.parseResult.parserErrors.map((error, index): Diagnostic => {
        const token = reportedAt(error.token, error.message);
        let loc: Loc;
        if (token.tokenType.name !== 'EOF' && token.startLine !== undefined && token.startLine >= 1) {
            const startLine = token.startLine - 1;
            const startChar = (token.startColumn ?? 1) - 1;
            // A string may span lines (a bare `\r` ends one for the editor).
            const endLine = (token.endLine ?? token.startLine) - 1;
            loc = { file, line: startLine + 1, startLine, startChar, endLine, endChar: endLine === startLine ? startChar + Math.max(1, token.image.length) : token.endColumn ?? 0 };
        } else if (error.message === SKIP_AT_EOF) {
            // drbdadm names the line where the unfinished skip block starts.
            const skip = AstUtils.streamAst(document.parseResult.value).filter(isSkipSection).toArray().at(-1);
            const start = skip?.$cstNode?.range.start ?? { line: 0, character: 0 };
            loc = makeLoc(file, start.line, start.character, start.line, start.character + 4);
        } else {
            // At the end of the input, after the last character (what was read before it comes first).
            const end = document.textDocument.positionAt(document.textDocument.getText().length);
            loc = makeLoc(file, end.line, end.character, end.line, end.character);
        }
        if (error.message === UNCLOSED_RESOURCE_AT_EOF) return { loc, severity: 'warning', message: error.message, code: 'syntax/unclosed-resource' };
        const atEof = deviceAtEof(document, error.token, error.message);
        if (atEof) return { loc, ...atEof };
        if (index > 0) return { loc, severity: 'error', message: error.message, code: 'syntax' };
        const mismatch = mismatchedIn(error.token, error.message);
        const chain = openChain(document.parseResult.value, loc);
        const taken = unterminatedValue(document.textDocument.getText(), mismatch, token) ?? deviceWithoutName(document, mismatch, token)
            ?? inProxyOptions(chain, token, document.textDocument.getText()) ?? inProxyDelegate(chain, mismatch, token, file) ?? inProxyOn(chain, mismatch, token, document.textDocument.getText())
            ?? diskWithoutName(chain, mismatch, token, document.textDocument.getText()) ?? misplacedOptions(chain, mismatch, file) ?? globalValue(chain, mismatch, token);
        return {
            loc: taken ? { ...loc, line: taken.line } : loc, severity: 'error', message: taken?.message ?? error.message, code: 'syntax',
            ...atFirstError(chain, loc, mismatch, token), ...(taken ? {} : unnamedConnection(chain, mismatch, token)),
        };
    });
    return diagnostics;
}

/** The constructs drbdadm was reading when it met the error: at each level of the tree, the last one that starts before it. */
function openChain(root: AstNode, at: Loc): AstNode[] {
    const chain: AstNode[] = [];
    for (let node: AstNode | undefined = root; node;) {
        let open: AstNode | undefined;
        // A file's sections are its statements: no stream over thousands of them at every keystroke.
        for (const child of isDrbdFile(node) ? node.statements : AstUtils.streamContents(node)) {
            if ((child.$cstNode || isDirect(child)) && startsBefore(child, at.startLine, at.startChar)) open = child;
        }
        if (open) chain.push(open);
        node = open;
    }
    return chain;
}

/**
 * What the builder says about a construct drbdadm was reading (an empty name, a duplicate: a
 * finding on its whole range) follows from the parser's recovery, not from the text.
 * In an option section, drbdadm takes the token as an option name and words the error by its
 * option tables.
 */
function atFirstError(chain: readonly AstNode[], at: Loc, mismatch: Mismatch | undefined, token: IToken): Pick<Diagnostic, 'openAt' | 'inOptions'> {
    const openAt = chain.filter((node) => !isComplete(node)).map((node): [number, number, number, number] => {
        const l = locOf(node, at.file);
        return [l.startLine, l.startChar, l.endLine, l.endChar];
    });
    const section = chain.filter(isOptionsSection).at(-1);
    if (!mismatch || !section || token.tokenType.name === 'EOF') return { openAt };
    if (mismatch.rule === 'OptionsSection' && mismatch.wanted === '}') return { openAt, inOptions: { section: optionSection(section), got: token.image } };
    return { openAt };
}

/** In a proxy's option section (a resource's `proxy {}`, `options {}` of `proxy on`): drbdadm's first error there (proxy-delegate.ts). */
function inProxyOptions(chain: readonly AstNode[], token: IToken, text: string): { message: string; line: number } | undefined {
    const section = chain.find((n) => (isProxySection(n) && !n.on && isResourceLevel(n.$container)) || isProxyOptions(n));
    const brace = section?.$cstNode && GrammarUtils.findNodeForKeyword(section.$cstNode, '{');
    if (!brace || brace.offset >= token.startOffset) return undefined;
    return proxyDelegateError(text, brace.end, brace.range.start.line + 1);
}

/**
 * A proxy's option section (`proxy {}` of a resource, `options {}` of `proxy on`) is read by
 * __parse_options() with proxy_delegate(): a word no option takes opens a plugin list, which
 * must start with `{`; a plugin line ends with `;`. Both errors name drbdadm's fline, the line
 * of the section's `{`.
 */
function inProxyDelegate(chain: readonly AstNode[], mismatch: Mismatch | undefined, token: IToken, file: string): { message: string; line: number } | undefined {
    if (!mismatch) return undefined;
    const isDelegated = (n: AstNode | undefined): n is ProxySection | ProxyOptions => (isProxySection(n) && !n.on) || isProxyOptions(n);
    const last = chain.at(-1);
    const inner = [...chain].reverse().find((n) => isProxySection(n) || isProxyOptions(n));
    const innermost = inner && chain.slice(chain.indexOf(inner) + 1).every(isComplete) ? inner : undefined;
    // a statement of the section no alternative takes (the parser's prediction failed on it)
    const predicted = mismatch.rule === 'ProxyStatement';
    // a plugin's name without its `{` (`options` too, in a resource's proxy {}), or its section's own word
    const named = !predicted && mismatch.wanted === '{' && (mismatch.rule === 'ProxyPlugins' || mismatch.rule === 'ProxyOptions');
    // a word no proxy option takes, read as an option statement: drbdadm wanted `{` right after it
    // (the proxy options are the same in every release: not-exported.ts)
    const unknownOption = isOptionStatement(last) && !isComplete(last) && isDelegated(last.$container) && last.name !== undefined && !findOption('proxy', last.name, DEFAULT_RELEASE);
    const section = unknownOption ? last.$container : named ? (last?.$type === mismatch.rule ? last.$container : undefined)
        : mismatch.rule === 'PluginLine' ? chain.at(-3) : innermost;
    if (!isDelegated(section) || (named && mismatch.rule === 'ProxyOptions' && isProxyOptions(section))) return undefined;
    const line = locOfKeyword(section, '{', file).line;
    if (predicted) return { message: mismatch.wanted === ';' ? PLUGIN_LINE_UNTERMINATED : PLUGIN_WITHOUT_BRACE, line };
    if (unknownOption || named || (mismatch.rule === section.$type && mismatch.wanted === '}')) return { message: PLUGIN_WITHOUT_BRACE, line };
    if (mismatch.rule === 'PluginLine' && mismatch.wanted === ';') return { message: PLUGIN_LINE_UNTERMINATED, line };
    return undefined;
}

/**
 * `proxy on NAMES { inside ADDR; outside ADDR; options {...} }` (parse_proxy_section()): `on` is
 * required (EXP(TK_ON)) where it is not a resource's proxy {}; in its body any other statement is
 * 'inside | outside' (pe_expected, on the statement's first token); `inside`/`outside` go on
 * with __parse_address().
 */
function inProxyOn(chain: readonly AstNode[], mismatch: Mismatch | undefined, token: IToken, text: string): { message: string; line: number } | undefined {
    if (!mismatch || token.tokenType.name === 'EOF') return undefined;
    const last = chain.at(-1);
    const line = token.startLine ?? 0;
    if (isProxySection(last) && !last.on && mismatch.rule === 'ProxySection' && mismatch.wanted === '{' && !isResourceLevel(last.$container))
        return { message: expectedToken('TK_ON', gotText(token.image), tokenNumber(token.image)), line };
    const at = chain.findIndex((n, i) => isProxySection(n) && !chain.slice(i + 1).some(isProxySection));
    const section = chain[at];
    if (!isProxySection(section) || !section.on) return undefined;
    const child = chain[at + 1];
    // a plugin list or an option statement the parser began: drbdadm fails on its first token
    const begun = (isProxyPlugins(child) || isOptionStatement(child)) && ['ProxyPlugins', 'ProxyOption', 'PluginLine'].includes(mismatch.rule);
    if (begun && child.$cstNode) {
        // `inside {`: a plugin list to the parser, an address that does not start to drbdadm
        const first = firstToken(child.$cstNode.text);
        if (first !== 'inside' && first !== 'outside') return { message: expected('inside | outside', gotText(first)), line: locOf(child, '').line };
        const next = tokenFrom(text, child.$cstNode.offset + first.length);
        return isAddressStart(next.image) ? undefined : { message: expected(ADDRESS_START, gotText(next.image)), line: next.line };
    }
    const bodyFailed = mismatch.rule === 'ProxyStatement' || (mismatch.rule === 'ProxySection' && mismatch.wanted === '}');
    if (!bodyFailed) return undefined;
    if (isKeyword(token, 'inside') || isKeyword(token, 'outside')) {
        const next = tokenAfter(text, token);
        if (!isAddressStart(next.image)) return { message: expected(ADDRESS_START, gotText(next.image)), line: next.line };
        return undefined;
    }
    return mismatch.rule === 'ProxyStatement' ? { message: expected('inside | outside', gotText(token.image)), line } : undefined;
}

/** The keyword `word` (not a quoted string of that text). */
const isKeyword = (token: IToken, word: string): boolean => token.image === word && token.tokenType.name !== 'DQSTRING';

/** __parse_address(): a family keyword or an IPv4 address (TK_IPADDR) starts one; anything else is its error. */
const ADDRESS_START = 'ssocks | sdp | ipv4 | ipv6 | <ipv4 address> ';
const isAddressStart = (image: string): boolean => ['ssocks', 'sdp', 'sci', 'ipv4', 'ipv6'].includes(image) || /^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(image);

const isResourceLevel = (n: AstNode | undefined): boolean => n?.$type === 'ResourceSection' || n?.$type === 'CommonSection';

const firstToken = (text: string): string => /^("[^"]*"?|[{};[\]:]|[^\s{};[\]:"]+)/.exec(text)?.[1] ?? '';

/** Sections whose statements may start with `disk` (parse_resource(), parse_host_section(), parse_volume()). */
const DISK_STATEMENT_IN = new Set(['ResourceSection', 'CommonSection', 'HostSection', 'ThisHostSection', 'FloatingSection', 'VolumeSection']);

/**
 * `disk` followed by neither a name nor `{`: drbdadm takes `disk` and fails on the next token
 * (pe_expected_got("TK_STRING | {")); the parser ends the section's statements before `disk`.
 */
function diskWithoutName(chain: readonly AstNode[], mismatch: Mismatch | undefined, token: IToken, text: string): { message: string; line: number } | undefined {
    if (!mismatch || mismatch.wanted !== '}' || !isKeyword(token, 'disk') || !DISK_STATEMENT_IN.has(mismatch.rule)) return undefined;
    const section = [...chain].reverse().find((n) => n.$type === mismatch.rule);
    if (mismatch.rule === 'VolumeSection' && section?.$container?.$type === 'ConnectionSection') return undefined;
    const next = tokenAfter(text, token);
    return { message: expectedToken('TK_STRING | {', gotText(next.image), next.tk), line: next.line };
}

/**
 * A `global {}` statement whose value the parser did not take (`minor-count {`): parse_global()
 * reads that token as the value and words its error by the statement (checkGlobalOption()).
 */
function globalValue(chain: readonly AstNode[], mismatch: Mismatch | undefined, token: IToken): { message: string; line: number } | undefined {
    const statement = chain.at(-1);
    if (mismatch?.rule !== 'GlobalStatement' || mismatch.wanted !== ';' || !isGlobalStatement(statement) || statement.values.length > 0) return undefined;
    if (token.tokenType.name === 'EOF' || token.tokenType.name === 'TOO_LONG') return undefined;
    const error = checkGlobalOption(statement.key, gotText(token.image), DEFAULT_RELEASE, tokenNumber(token.image)).error;
    return error ? { message: error, line: token.startLine ?? 0 } : undefined;
}

/**
 * `connection` followed by neither a name nor `{`: until 9.21 drbdadm_parser.c parse_connection()
 * wanted '<connection name> | {' (named connections are deprecated since 9.22.0).
 */
function unnamedConnection(chain: readonly AstNode[], mismatch: Mismatch | undefined, token: IToken): Pick<Diagnostic, 'olderWording'> {
    const section = chain.at(-1);
    if (mismatch?.rule !== 'ConnectionSection' || mismatch.wanted !== '{' || !isConnectionSection(section) || section.name !== undefined) return {};
    if (token.tokenType.name === 'TOO_LONG') return {};
    // At the end of the file the scanner's token is 0 and prints as ''.
    const eof = token.tokenType.name === 'EOF';
    return { olderWording: { until: '9.22.0', message: expectedToken('<connection name> | {', eof ? '' : gotText(token.image), eof ? 0 : tokenNumber(token.image)) } };
}

const ALL_OPTION_SECTIONS = ['net', 'disk', 'options', 'startup', 'handlers', 'syncer'];
const HOST_OPTION_SECTIONS = ['disk', 'options'];

/**
 * The option sections each section reads (parse_resource(), parse_host_section(),
 * parse_volume_stmt(), parse_connection(), parse_connection_mesh(); parse_stacked_section() none).
 */
const OPTION_SECTIONS_IN: Record<string, readonly string[]> = {
    ResourceSection: ALL_OPTION_SECTIONS, CommonSection: ALL_OPTION_SECTIONS,
    HostSection: HOST_OPTION_SECTIONS, ThisHostSection: HOST_OPTION_SECTIONS, FloatingSection: HOST_OPTION_SECTIONS,
    StackedSection: [], VolumeSection: ['disk'], ConnectionSection: ['net', 'disk'], MeshSection: ['net'],
};

/**
 * `net` where a section takes no net {} and no `{` after it: drbdadm fails on the keyword itself
 * (the section's list), the parser on the token after it.
 */
function misplacedOptions(chain: readonly AstNode[], mismatch: Mismatch | undefined, file: string): { message: string; line: number } | undefined {
    const section = chain.at(-1);
    if (mismatch?.rule !== 'OptionsSection' || mismatch.wanted !== '{' || !isOptionsSection(section)) return undefined;
    const container = section.$container;
    // a connection's `volume N {}` wants `disk` (parse_peer_device())
    if (container.$type === 'VolumeSection' && container.$container.$type === 'ConnectionSection') return undefined;
    if (OPTION_SECTIONS_IN[container.$type]?.includes(section.kind) !== false) return undefined;
    const message = sectionBodyError(container.$type, section.kind, tokenNumber(section.kind));
    return message ? { message, line: locOf(section, file).line } : undefined;
}

/** The option table drbdadm reads a section with: `disk {}` of a connection holds peer-device options. */
function optionSection(section: OptionsSection): string {
    const container = section.$container;
    const inConnection = container.$type === 'ConnectionSection' || container.$container?.$type === 'ConnectionSection';
    return section.kind === 'disk' && inConnection ? 'peer-disk' : section.kind;
}

/**
 * An unterminated string as an option's value: drbdadm's scanner hands it over as the value
 * (its newline swallowed, so its line counter stays one behind) and the `;` it wants next is
 * the following token.
 */
function unterminatedValue(text: string, mismatch: Mismatch | undefined, token: IToken): { message: string; line: number } | undefined {
    if (token.tokenType.name !== 'TOO_LONG' || !token.image.startsWith('"') || !token.image.endsWith('\n')) return undefined;
    if ((mismatch?.rule !== 'OptionStatement' && mismatch?.rule !== 'ProxyOption') || mismatch.wanted !== ';') return undefined;
    const next = tokenAfter(text, token);
    return { message: expectedToken(';', next.image, next.tk), line: next.line - 1 };
}

/**
 * `device` followed by neither a name nor `minor`: drbdadm's parse_device() takes that token and
 * ends the statement without a word, so the section's loop fails on the token after it.
 */
function deviceWithoutName(document: LangiumDocument, mismatch: Mismatch | undefined, token: IToken): { message: string; line: number } | undefined {
    if (mismatch?.rule !== 'DeviceStatement' || mismatch.wanted !== ';' || token.tokenType.name === 'EOF') return undefined;
    const device = AstUtils.streamAst(document.parseResult.value).filter(isDeviceStatement)
        .filter((d) => (d.$cstNode?.offset ?? Infinity) < token.startOffset).toArray().at(-1);
    if (!device || device.name !== undefined || device.minor !== undefined) return undefined;
    const next = tokenAfter(document.textDocument.getText(), token);
    // Only where the section cannot go on with that token (a keyword may start its next statement).
    const keyword = next.tk >= 258 && ![TK_IPADDR, TK_INTEGER, TK_STRING, TK_ELSE, TK_IPADDR6, TK_KMODVERS].includes(next.tk);
    if (next.image === '}' || (keyword && next.image !== 'minor')) return undefined;
    const message = sectionBodyError(device.$container.$type, next.image, next.tk);
    return message ? { message, line: next.line } : undefined;
}

/**
 * `device` as the last token: drbdadm's parse_device() takes the end of the input as it takes any
 * token that is neither a name nor `minor` (it ends the statement), and the section's loop meets
 * it: a resource or `common` ends there (as without its `}`), another section fails (its list, `''`).
 */
function deviceAtEof(document: LangiumDocument, token: IToken, message: string): Pick<Diagnostic, 'severity' | 'message' | 'code'> | undefined {
    const mismatch = mismatchedIn(token, message);
    if (mismatch?.rule !== 'DeviceStatement' || mismatch.wanted !== ';' || token.tokenType.name !== 'EOF') return undefined;
    const device = AstUtils.streamAst(document.parseResult.value).filter(isDeviceStatement).toArray().at(-1);
    if (!device || device.name !== undefined || device.minor !== undefined) return undefined;
    if (isResourceLevel(device.$container)) return { severity: 'warning', message: UNCLOSED_RESOURCE_AT_EOF, code: 'syntax/unclosed-resource' };
    const body = sectionBodyError(device.$container.$type, '', 0);
    return body ? { severity: 'error', message: body, code: 'syntax' } : undefined;
}

/** The token after `token` as drbdadm's scanner cuts it. */
function tokenAfter(text: string, token: IToken): ScannedToken {
    return tokenFrom(text, (token.endOffset ?? token.startOffset + token.image.length - 1) + 1);
}

/**
 * A construct the parser finished: its last token is its `}`, or its `;` where it has no `{` of
 * its own (a section the recovery cut short after a statement is not finished).
 */
export function isComplete(node: AstNode): boolean {
    // The direct parser reads only text without a syntax error.
    if (isDirect(node)) return true;
    const root = node.$cstNode;
    const opens = !!root && isCompositeCstNode(root) && root.content.some((c) => !c.hidden && !isCompositeCstNode(c) && c.text === '{');
    let cst: CstNode | undefined = root;
    while (cst && isCompositeCstNode(cst)) {
        let last: CstNode | undefined;
        for (const child of cst.content) if (!child.hidden) last = child;
        cst = last;
    }
    return cst?.text === '}' || (cst?.text === ';' && !opens);
}
