import type { IToken } from 'chevrotain';
import type { AstNode, CstNode, LangiumDocument } from 'langium';
import type { Diagnostic, Loc } from '../drbd/model.js';
import { AstUtils, isCompositeCstNode } from 'langium';
import { locOf, locOfKeyword, makeLoc } from './build/loc.js';
import { tokenNumber, TK_ELSE, TK_INTEGER, TK_IPADDR, TK_IPADDR6, TK_KMODVERS, TK_STRING } from '../drbd/options/scanner-token.js';
import { expected, expectedToken } from '../drbd/options/parse-errors.js';
import { findOption } from '../drbd/options/index.js';
import { DEFAULT_RELEASE } from '../drbd/release.js';
import { mismatchedIn, PLUGIN_LINE_UNTERMINATED, PLUGIN_WITHOUT_BRACE, reportedAt, sectionBodyError, SKIP_AT_EOF, UNCLOSED_RESOURCE_AT_EOF } from '../syntax/drbd-parser-errors.js';
import { isDeviceStatement, isOptionsSection, isOptionStatement, isProxyOptions, isProxyPlugins, isProxySection, isSkipSection, type OptionsSection, type ProxyOptions, type ProxySection } from '../syntax/generated/ast.js';

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
            // At the end of the input: point at the last character.
            const end = document.textDocument.positionAt(document.textDocument.getText().length);
            loc = makeLoc(file, end.line, Math.max(0, end.character - 1), end.line, end.character);
        }
        if (error.message === UNCLOSED_RESOURCE_AT_EOF) return { loc, severity: 'warning', message: error.message, code: 'syntax/unclosed-resource' };
        if (index > 0) return { loc, severity: 'error', message: error.message, code: 'syntax' };
        const mismatch = mismatchedIn(error.token, error.message);
        const chain = openChain(document.parseResult.value, loc);
        const taken = unterminatedValue(document.textDocument.getText(), mismatch, token) ?? deviceWithoutName(document, mismatch, token)
            ?? inProxyDelegate(chain, mismatch, token, file) ?? inProxyOn(chain, mismatch, token, document.textDocument.getText())
            ?? diskWithoutName(chain, mismatch, token, document.textDocument.getText());
        return {
            loc: taken ? { ...loc, line: taken.line } : loc, severity: 'error', message: taken?.message ?? error.message, code: 'syntax',
            ...atFirstError(chain, loc, mismatch, token, document.textDocument.getText()),
        };
    });
    const first = document.parseResult.parserErrors[0];
    if (first && diagnostics[0]?.inOptions?.next) diagnostics.splice(1, 0, valueFollowOn(file, document.textDocument.getText(), reportedAt(first.token, first.message)));
    return diagnostics;
}

/**
 * drbdadm took the token as the option's value and goes on to EXP(';') on the next token: its
 * error there, for the editor (drbdadmMessages prints it after the value's check).
 */
function valueFollowOn(file: string, text: string, value: IToken): Diagnostic {
    const next = tokenAfter(text, value);
    const l = next.line - 1;
    return { loc: makeLoc(file, l, next.char, l, next.char + next.image.length), severity: 'error', message: expectedToken(';', next.image, next.tk), code: 'syntax' };
}

/** The constructs drbdadm was reading when it met the error: at each level of the tree, the last one that starts before it. */
function openChain(root: AstNode, at: Loc): AstNode[] {
    const chain: AstNode[] = [];
    for (let node: AstNode | undefined = root; node;) {
        let open: AstNode | undefined;
        for (const child of AstUtils.streamContents(node)) {
            if (!child.$cstNode) continue;
            const loc = locOf(child, at.file);
            if (loc.startLine < at.startLine || (loc.startLine === at.startLine && loc.startChar < at.startChar)) open = child;
        }
        if (open) chain.push(open);
        node = open;
    }
    return chain;
}

/**
 * What the builder says about a construct drbdadm was reading (an empty name, a duplicate: a
 * finding on its whole range) follows from the parser's recovery, not from the text.
 * In an option section, drbdadm takes the token as an option name or value and words the error
 * by its option tables.
 */
function atFirstError(chain: readonly AstNode[], at: Loc, mismatch: Mismatch | undefined, token: IToken, text: string): Pick<Diagnostic, 'openAt' | 'inOptions'> {
    const openAt = chain.filter((node) => !isComplete(node)).map((node): [number, number, number, number] => {
        const l = locOf(node, at.file);
        return [l.startLine, l.startChar, l.endLine, l.endChar];
    });
    const section = chain.filter(isOptionsSection).at(-1);
    const statement = chain.at(-1);
    if (!mismatch || !section || token.tokenType.name === 'EOF') return { openAt };
    if (mismatch.rule === 'OptionsSection' && mismatch.wanted === '}') return { openAt, inOptions: { section: optionSection(section), got: token.image } };
    if (mismatch.rule === 'OptionStatement' && mismatch.wanted === ';' && isOptionStatement(statement) && statement.values.length === 0) {
        // parse_option_value() then wants `;` (a `;` there lets drbdadm read on: not followed here)
        const { image, tk, line } = tokenAfter(text, token);
        return { openAt, inOptions: { section: optionSection(section), name: statement.name, got: token.image, ...(image === ';' || image === '' ? {} : { next: { image, tk, line } }) } };
    }
    return { openAt };
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
    const begun = (isProxyPlugins(child) || isOptionStatement(child)) && ['ProxyPlugins', 'OptionStatement', 'PluginLine'].includes(mismatch.rule);
    if (begun && child.$cstNode) return { message: expected('inside | outside', gotText(firstToken(child.$cstNode.text))), line: locOf(child, '').line };
    const bodyFailed = mismatch.rule === 'ProxyStatement' || (mismatch.rule === 'ProxySection' && mismatch.wanted === '}');
    if (!bodyFailed) return undefined;
    if (isKeyword(token, 'inside') || isKeyword(token, 'outside')) {
        const next = tokenAfter(text, token);
        if (!ADDRESS_STARTS.has(next.image) && !/^[0-9.]+$/.test(next.image)) return { message: expected('ssocks | sdp | ipv4 | ipv6 | <ipv4 address> ', gotText(next.image)), line: next.line };
        return undefined;
    }
    return mismatch.rule === 'ProxyStatement' ? { message: expected('inside | outside', gotText(token.image)), line } : undefined;
}

/** The keyword `word` (not a quoted string of that text). */
const isKeyword = (token: IToken, word: string): boolean => token.image === word && token.tokenType.name !== 'DQSTRING';

const ADDRESS_STARTS = new Set(['ssocks', 'sdp', 'sci', 'ipv4', 'ipv6']);

const isResourceLevel = (n: AstNode | undefined): boolean => n?.$type === 'ResourceSection' || n?.$type === 'CommonSection';

/** A token's text as drbdadm's yytext holds it (a double-quoted string without its quotes). */
const gotText = (image: string): string => (image.startsWith('"') && image.endsWith('"') && image.length > 1 ? image.slice(1, -1) : image);

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
    if (mismatch?.rule !== 'OptionStatement' || mismatch.wanted !== ';') return undefined;
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

/** The token after `token` as drbdadm's scanner cuts it: its text, number, 1-based line and 0-based column. */
function tokenAfter(text: string, token: IToken): { image: string; tk: number; line: number; char: number } {
    const re = /(?:\s|#[^\n]*)*([{}[\];:]|"[^"\n]*"?|[A-Za-z0-9/._-]+|[^\s])?/y;
    re.lastIndex = (token.endOffset ?? token.startOffset + token.image.length - 1) + 1;
    const m = re.exec(text);
    const image = m?.[1] ?? '';
    const start = re.lastIndex - image.length;
    const line = text.slice(0, start).split('\n').length;
    const char = start - text.lastIndexOf('\n', start - 1) - 1;
    return { image, tk: image === '' ? 0 : image.startsWith('"') ? TK_STRING : tokenNumber(image), line, char };
}

/** A construct the parser finished: its last token is its `}` or `;`. */
export function isComplete(node: AstNode): boolean {
    let cst: CstNode | undefined = node.$cstNode;
    while (cst && isCompositeCstNode(cst)) {
        let last: CstNode | undefined;
        for (const child of cst.content) if (!child.hidden) last = child;
        cst = last;
    }
    return cst?.text === '}' || cst?.text === ';';
}
