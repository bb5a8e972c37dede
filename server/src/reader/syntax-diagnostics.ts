import type { IToken } from 'chevrotain';
import type { AstNode, CstNode, LangiumDocument } from 'langium';
import type { Diagnostic, Loc } from '../drbd/model.js';
import { AstUtils, isCompositeCstNode } from 'langium';
import { locOf, locOfKeyword } from './build/loc.js';
import { tokenNumber, TK_ELSE, TK_INTEGER, TK_IPADDR, TK_IPADDR6, TK_KMODVERS, TK_STRING } from '../drbd/options/scanner-token.js';
import { expectedToken } from '../drbd/options/parse-errors.js';
import { mismatchedIn, reportedAt, sectionBodyError, SKIP_AT_EOF, UNCLOSED_RESOURCE_AT_EOF } from '../syntax/drbd-parser-errors.js';
import { isDeviceStatement, isOptionsSection, isOptionStatement, isProxyOptions, isProxySection, isSkipSection, type OptionsSection } from '../syntax/generated/ast.js';

type Mismatch = ReturnType<typeof mismatchedIn>;

/** The parser's errors as model diagnostics (drbdadm-worded by DrbdParserErrorMessageProvider). */
export function syntaxDiagnostics(document: LangiumDocument, file: string): Diagnostic[] {
    return document.parseResult.parserErrors.map((error, index) => {
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
            loc = { file, line: start.line + 1, startLine: start.line, startChar: start.character, endLine: start.line, endChar: start.character + 4 };
        } else {
            // At the end of the input: point at the last character.
            const end = document.textDocument.positionAt(document.textDocument.getText().length);
            loc = { file, line: end.line + 1, startLine: end.line, startChar: Math.max(0, end.character - 1), endLine: end.line, endChar: end.character };
        }
        if (error.message === UNCLOSED_RESOURCE_AT_EOF) return { loc, severity: 'warning', message: error.message, code: 'syntax/unclosed-resource' };
        if (index > 0) return { loc, severity: 'error', message: error.message, code: 'syntax' };
        const mismatch = mismatchedIn(error.token, error.message);
        const chain = openChain(document.parseResult.value, loc);
        const taken = unterminatedValue(document.textDocument.getText(), mismatch, token) ?? deviceWithoutName(document, mismatch, token)
            ?? inProxyDelegate(chain, mismatch, file);
        return {
            loc: taken ? { ...loc, line: taken.line } : loc, severity: 'error', message: taken?.message ?? error.message, code: 'syntax',
            ...atFirstError(chain, loc, mismatch, token),
        };
    });
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
function atFirstError(chain: readonly AstNode[], at: Loc, mismatch: Mismatch | undefined, token: IToken): Pick<Diagnostic, 'openAt' | 'inOptions'> {
    const openAt = chain.filter((node) => !isComplete(node)).map((node): [number, number, number, number] => {
        const l = locOf(node, at.file);
        return [l.startLine, l.startChar, l.endLine, l.endChar];
    });
    const section = chain.filter(isOptionsSection).at(-1);
    const statement = chain.at(-1);
    if (!mismatch || !section || token.tokenType.name === 'EOF') return { openAt };
    if (mismatch.rule === 'OptionsSection' && mismatch.wanted === '}') return { openAt, inOptions: { section: optionSection(section), got: token.image } };
    if (mismatch.rule === 'OptionStatement' && mismatch.wanted === ';' && isOptionStatement(statement) && statement.values.length === 0)
        return { openAt, inOptions: { section: optionSection(section), name: statement.name, got: token.image } };
    return { openAt };
}

/**
 * A proxy's option section (`proxy {}` of a resource, `options {}` of `proxy on`) is read by
 * __parse_options() with proxy_delegate(): a word no option takes opens a plugin list, which
 * must start with `{`; a plugin line ends with `;`. Both errors name drbdadm's fline, the line
 * of the section's `{`.
 */
function inProxyDelegate(chain: readonly AstNode[], mismatch: Mismatch | undefined, file: string): { message: string; line: number } | undefined {
    if (!mismatch) return undefined;
    const section = [...chain].reverse().find((n) => (isProxySection(n) && !n.on) || isProxyOptions(n));
    if (!section || chain.slice(chain.indexOf(section) + 1).some((n) => isProxySection(n))) return undefined;
    const line = locOfKeyword(section, '{', file).line;
    const unknownWord = (mismatch.rule === section.$type && mismatch.wanted === '}') || (mismatch.rule === 'ProxyPlugins' && mismatch.wanted === '{');
    if (unknownWord) return { message: 'expected "{" after "proxy" keyword', line };
    if (mismatch.rule === 'PluginLine' && mismatch.wanted === ';') return { message: 'Missing ";" before  "}"', line };
    return undefined;
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

/** The token after `token` as drbdadm's scanner cuts it: its text, number and 1-based line. */
function tokenAfter(text: string, token: IToken): { image: string; tk: number; line: number } {
    const re = /(?:\s|#[^\n]*)*([{}[\];:]|"[^"\n]*"?|[A-Za-z0-9/._-]+|[^\s])?/y;
    re.lastIndex = (token.endOffset ?? token.startOffset + token.image.length - 1) + 1;
    const m = re.exec(text);
    const image = m?.[1] ?? '';
    const line = text.slice(0, re.lastIndex - image.length).split('\n').length;
    return { image, tk: image === '' ? 0 : image.startsWith('"') ? TK_STRING : tokenNumber(image), line };
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
