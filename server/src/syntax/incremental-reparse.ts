import type { IRecognitionException, IToken } from 'chevrotain';
import { isCompositeCstNode, type CstNode, type LangiumParser, type ParseResult, type RootCstNode } from 'langium';
import { adoptAsRoot, moveTree } from './drbd-cst.js';
import type { DrbdFile } from './generated/ast.js';

interface Position {
    line: number;
    character: number;
}

/**
 * Re-parses only the top-level statements an edit touches: the language server then spends on a
 * keystroke in a 1 000-resource file what one resource costs, not the whole file. drbdadm's
 * statements end with `;` or `}`, which never join the token after them, and its scanner has no
 * state across a complete statement, so the statements before and after the edited region lex
 * and parse exactly as before; they are kept and moved, with their syntax errors. A person typing
 * leaves the text broken most of the time, so the edited region may have errors too, as long as
 * the parser recovers from them inside the region: an error at the region's end (an unclosed
 * `{`, a statement cut short) would be reported against what follows in the whole text, and
 * errors next to the region may depend on its first or last token. The same text keeps the
 * previous parse (errors and all), as when a file the workspace read from disk is opened.
 * Returns undefined where that reasoning does not hold (errors at or next to the region's
 * edges, a comment or unterminated string running into the unchanged text): then the caller
 * parses all.
 */
export function reparseIncrementally(previous: ParseResult<DrbdFile>, text: string, parser: LangiumParser): ParseResult<DrbdFile> | undefined {
    const oldRoot = previous.value.$cstNode as RootCstNode | undefined;
    const oldText = oldRoot?.fullText;
    if (oldText === text) return previous;
    if (hasLexerErrors(previous)) return undefined;
    if (!oldRoot || oldText === undefined || oldRoot.content.length === 0) return undefined;

    const items = oldRoot.content;
    const region = editedRegion(items, oldText, text);
    const regionText = text.slice(region.start, region.newEnd);
    if (region.newEnd < text.length && mayRunIntoNextLine(regionText)) return undefined;
    const outsideBefore = region.first > 0 ? firstLeaf(items[region.first - 1]).offset : 0;
    const outsideAfter = region.last + 2 < items.length ? firstLeaf(items[region.last + 2]).offset : oldText.length;
    // Errors of the statements next to the region may read its edge tokens; errors at EOF or between
    // statements (where the parser may have given up on the rest) span more than their statement.
    if (previous.parserErrors.some((e) => !isPlaced(e.token) || !withinAStatement(e.token, previous)
        || (e.token.startOffset >= outsideBefore && e.token.startOffset < outsideAfter && !inside(e.token, region.start, region.oldEnd)))) return undefined;
    const parsed = parser.parse<DrbdFile>(regionText);
    if (hasLexerErrors(parsed) || parsed.parserErrors.some((e) => !isPlaced(e.token) || !withinAStatement(e.token, parsed))) return undefined;

    const oldStatements = previous.value.statements;
    const keptBefore = oldStatements.filter((s) => s.$cstNode!.offset < region.start);
    const keptAfter = oldStatements.filter((s) => s.$cstNode!.offset >= region.oldEnd);
    const newRoot = parsed.value.$cstNode as RootCstNode;
    const startPos = region.first > 0 ? lastLeaf(items[region.first - 1]).range.end : { line: 0, character: 0 };
    for (const node of newRoot.content) moveTree(node, region.start, startPos.line, 0, startPos.character);
    const errorsBefore = previous.parserErrors.filter((e) => e.token.startOffset < region.start);
    let errorsAfter = previous.parserErrors.filter((e) => e.token.startOffset >= region.oldEnd);
    if (region.last + 1 < items.length) {
        const oldEndPos = firstLeaf(items[region.last + 1]).range.start;
        const newEndPos = positionAfter(regionText, startPos);
        const lines = newEndPos.line - oldEndPos.line;
        const columns = newEndPos.character - oldEndPos.character;
        for (const node of items.slice(region.last + 1)) moveTree(node, text.length - oldText.length, lines, oldEndPos.line, columns);
        errorsAfter = errorsAfter.map((e) => movedError(e, text.length - oldText.length, lines, oldEndPos.line, columns));
    }
    const regionErrors = parsed.parserErrors.map((e) => movedError(e, region.start, startPos.line, 0, startPos.character));
    (parsed as { parserErrors: IRecognitionException[] }).parserErrors = [...errorsBefore, ...regionErrors, ...errorsAfter];

    // The region's parse supplies the new root (AST and CST); the kept statements join it.
    const statements = [...keptBefore, ...parsed.value.statements, ...keptAfter];
    statements.forEach((statement, index) => {
        Object.assign(statement, { $container: parsed.value, $containerIndex: index });
    });
    (parsed.value as { statements: DrbdFile['statements'] }).statements = statements;
    adoptAsRoot(newRoot, [...items.slice(0, region.first), ...newRoot.content, ...items.slice(region.last + 1)], text);
    return parsed;
}

function hasLexerErrors(result: ParseResult): boolean {
    return result.lexerErrors.length > 0 || (result.lexerReport?.diagnostics.length ?? 0) > 0;
}

/** A token with a place in the text (Chevrotain's EOF token has none). */
function isPlaced(token: IToken): boolean {
    return token.tokenType.name !== 'EOF' && Number.isFinite(token.startOffset);
}

/**
 * Whether the error happened inside one of the parsed top-level statements: between statements,
 * the parser may give up on the rest of the input, which in the whole text is more than the region.
 */
function withinAStatement(token: IToken, parsed: ParseResult<DrbdFile>): boolean {
    return parsed.value.statements.some((s) => s.$cstNode !== undefined && token.startOffset >= s.$cstNode.offset && token.startOffset < s.$cstNode.end);
}

function inside(token: IToken, start: number, end: number): boolean {
    return token.startOffset >= start && token.startOffset < end;
}

/**
 * The error with its token moved as moveTree moves leaves (0-based `columnLine`; Chevrotain
 * counts lines and columns from 1). The token is copied: the previous parse keeps its own.
 */
function movedError(error: IRecognitionException, offset: number, lines: number, columnLine: number, columns: number): IRecognitionException {
    const t = error.token;
    const column = (line: number | undefined, value: number | undefined) => (line !== undefined && value !== undefined && line - 1 === columnLine ? value + columns : value);
    const token: IToken = {
        ...t,
        startOffset: t.startOffset + offset,
        endOffset: t.endOffset === undefined ? undefined : t.endOffset + offset,
        startColumn: column(t.startLine, t.startColumn),
        endColumn: column(t.endLine, t.endColumn),
        startLine: t.startLine === undefined ? undefined : t.startLine + lines,
        endLine: t.endLine === undefined ? undefined : t.endLine + lines,
    };
    // An error's name and message are not enumerable: copied by hand.
    return Object.assign(Object.create(Object.getPrototypeOf(error) as object) as IRecognitionException, error, { name: error.name, message: error.message, token });
}

/**
 * The root CST items (top-level statements and comments) the edit touches, first..last, and the
 * text region they span with the gaps around them: from the end of the item before to the start
 * of the item after, so that the region starts and ends next to unchanged text.
 */
function editedRegion(items: readonly CstNode[], oldText: string, text: string) {
    const shorter = Math.min(oldText.length, text.length);
    let prefix = 0;
    while (prefix < shorter && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
    const editEnd = oldText.length - suffix;
    let first = items.findIndex((item) => lastLeaf(item).end >= prefix);
    if (first < 0) first = items.length;
    let last = items.length - 1;
    while (last >= 0 && firstLeaf(items[last]).offset > editEnd) last--;
    const start = first > 0 ? lastLeaf(items[first - 1]).end : 0;
    const oldEnd = last + 1 < items.length ? firstLeaf(items[last + 1]).offset : oldText.length;
    return { first, last, start, oldEnd, newEnd: oldEnd + text.length - oldText.length };
}

/**
 * Whether the region's last line may hold a comment or an unterminated string, which in the
 * whole text would go on into the unchanged text after it (the scanner's lines end at `\n`).
 */
function mayRunIntoNextLine(regionText: string): boolean {
    if (regionText.endsWith('\n')) return false;
    const lastLine = regionText.slice(regionText.lastIndexOf('\n') + 1);
    return lastLine.includes('#') || lastLine.includes('"');
}

function firstLeaf(node: CstNode): CstNode {
    while (isCompositeCstNode(node) && node.content.length > 0) node = node.content[0];
    return node;
}

function lastLeaf(node: CstNode): CstNode {
    while (isCompositeCstNode(node) && node.content.length > 0) node = node.content[node.content.length - 1];
    return node;
}

/** The position just after `text` when it starts at `start` (line breaks as the lexer counts them). */
function positionAfter(text: string, start: Position): Position {
    let line = start.line;
    let lineStart = -1;
    for (const m of text.matchAll(/\r\n?|\n/g)) {
        line++;
        lineStart = m.index + m[0].length;
    }
    return lineStart < 0 ? { line, character: start.character + text.length } : { line, character: text.length - lineStart };
}
