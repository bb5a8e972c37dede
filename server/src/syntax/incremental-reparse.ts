import type { IRecognitionException, IToken } from 'chevrotain';
import type { CstNode, DocumentSegment, LangiumParser, ParseResult, RootCstNode } from 'langium';
import { adoptAsRoot } from './drbd-cst.js';
import { edgeToken, isStatementItem, moveItem, retextItems, statementOffset } from './direct-statement-cst.js';
import type { DrbdFile } from './generated/ast.js';

interface Position {
    line: number;
    character: number;
}

/**
 * Re-parses only the top-level statements an edit touches: the language server then spends on a
 * keystroke in a 1 000-resource file what one resource costs, not the whole file. drbdadm's
 * statements end with `;` or `}`, which never join the token after them, and its scanner has no
 * state across a complete statement. A person typing leaves the text broken most of the time, so
 * the parser's state at the edges of the re-parsed region must be the one a whole parse has
 * there, errors or not:
 * - at its start, the parser has just finished a statement that had no syntax error, nor one in
 *   the gap after it or at the next token (the recovery of a broken statement may skip tokens
 *   past its end, and it is cut short at the token that does not fit);
 * - at its end, the statement after the region (the guard) is parsed with it: when the guard
 *   comes out as the same complete top-level statement without errors, the whole parse is back
 *   where it was before the edit, and everything after the guard is kept as it was, with its
 *   errors. Errors between statements (the parser skipping to the next statement's keyword)
 *   are then the region's own.
 * Statements that do not qualify join the region. The same text keeps the previous parse
 * (errors and all), as when a file the workspace read from disk is opened. Returns undefined
 * where that reasoning does not hold (lexer errors, three guards in turn not coming out the
 * same): then the caller parses all.
 */
export function reparseIncrementally(previous: ParseResult<DrbdFile>, text: string, parser: LangiumParser): ParseResult<DrbdFile> | undefined {
    const oldRoot = previous.value.$cstNode as RootCstNode | undefined;
    const oldText = oldRoot?.fullText;
    if (oldText === text) return previous;
    if (hasLexerErrors(previous)) return undefined;
    if (!oldRoot || oldText === undefined || oldRoot.content.length === 0) return undefined;

    const items = oldRoot.content;
    const edited = editedRegion(items, oldText, text, previous.parserErrors);
    const shift = text.length - oldText.length;
    // A guard that does not come out the same (an error at its first token: the region's broken
    // statement was cut short there) joins the region, and the next clean statement guards.
    let region: ParsedRegion | 'declined' | undefined;
    for (let last = edited.last, attempt = 0; attempt < 3; attempt++) {
        region = parseRegion(items, text, shift, edited.first, last, parser);
        if (region !== undefined) break;
        last++;
        while (last + 1 < items.length && !edited.clean(last + 1)) last++;
    }
    if (region === undefined || region === 'declined') return undefined;
    const { parsed, guard, regionText, newStatements, newContent, newRoot } = region;

    const oldStatements = previous.value.statements;
    // The statements are in text order: those kept are a head and a tail of them.
    const keptBefore = oldStatements.slice(0, firstWhere(oldStatements.length, (i) => !(statementOffset(oldStatements[i]!)! < region.start)));
    const keptAfter = oldStatements.slice(firstWhere(oldStatements.length, (i) => statementOffset(oldStatements[i]!)! >= region.oldEnd));
    const startPos = region.first > 0 ? lastLeaf(items[region.first - 1]).range.end : { line: 0, character: 0 };
    for (const node of newContent) moveItem(node, region.start, startPos.line, 0, startPos.character);
    const placed = previous.parserErrors.filter((e) => isPlaced(e.token));
    const errorsBefore = placed.filter((e) => e.token.startOffset < region.start);
    let errorsAfter: IRecognitionException[] = [];
    if (guard) {
        const oldEndPos = firstLeaf(guard).range.start;
        const newEndPos = positionAfter(regionText, startPos);
        const lines = newEndPos.line - oldEndPos.line;
        const columns = newEndPos.character - oldEndPos.character;
        for (const node of items.slice(region.last + 1)) moveItem(node, shift, lines, oldEndPos.line, columns);
        errorsAfter = placed.filter((e) => e.token.startOffset >= region.oldEnd).map((e) => movedError(e, shift, lines, oldEndPos.line, columns));
        // The parse after the guard is the one before the edit: so is where it met the end of the text.
        errorsAfter.push(...previous.parserErrors.filter((e) => !isPlaced(e.token)));
    }
    const regionErrors = parsed.parserErrors.map((e) => (isPlaced(e.token) ? movedError(e, region.start, startPos.line, 0, startPos.character) : e));
    (parsed as { parserErrors: IRecognitionException[] }).parserErrors = [...errorsBefore, ...regionErrors, ...errorsAfter];

    // The region's parse supplies the new root (AST and CST); the kept statements join it.
    const statements = [...keptBefore, ...newStatements, ...keptAfter];
    // Assigned one by one: an object per statement to assign from was most of what a keystroke
    // in a 5 000-resource file allocated here.
    for (let index = 0; index < statements.length; index++) {
        const statement = statements[index] as { $container: DrbdFile; $containerIndex: number };
        statement.$container = parsed.value;
        statement.$containerIndex = index;
    }
    (parsed.value as { statements: DrbdFile['statements'] }).statements = statements;
    adoptAsRoot(newRoot, [...items.slice(0, region.first), ...newContent, ...items.slice(region.last + 1)], text);
    retextItems(newRoot);
    return parsed;
}

interface ParsedRegion {
    first: number;
    last: number;
    /** Where the region starts; where the guard starts in the old text. */
    start: number;
    oldEnd: number;
    regionText: string;
    guard: CstNode | undefined;
    parsed: ParseResult<DrbdFile>;
    newRoot: RootCstNode;
    /** The region's statements and root items, without the guard's (nor the comment after it). */
    newStatements: DrbdFile['statements'];
    newContent: readonly CstNode[];
}

/**
 * Parses items first..last of the old text as they are in the new one, with the guard after
 * them: undefined when the guard does not come out the same (a comment or string begun in the
 * region that runs on, a token joined with its first), 'declined' on lexer errors.
 */
function parseRegion(items: readonly CstNode[], text: string, shift: number, first: number, last: number, parser: LangiumParser): ParsedRegion | 'declined' | undefined {
    const start = first > 0 ? lastLeaf(items[first - 1]).end : 0;
    const guard = last + 1 < items.length ? items[last + 1] : undefined;
    const oldEnd = guard ? firstLeaf(guard).offset : text.length - shift;
    const regionText = text.slice(start, oldEnd + shift);
    let parsedText = regionText;
    if (guard) {
        // To the end of the guard's line: a string or comment begun before reads to there.
        const guardEnd = lastLeaf(guard).end + shift;
        const lineEnd = text.indexOf('\n', guardEnd);
        const tailEnd = lineEnd < 0 ? text.length : lineEnd + 1;
        if (!/^[ \t\r]*(#.*)?\n?$/.test(text.slice(guardEnd, tailEnd))) return undefined;
        parsedText = text.slice(start, tailEnd);
    }
    const parsed = parser.parse<DrbdFile>(parsedText);
    if (hasLexerErrors(parsed)) return 'declined';
    const newRoot = parsed.value.$cstNode as RootCstNode;
    let newStatements = parsed.value.statements;
    let newContent = newRoot.content;
    if (guard) {
        const again = newStatements.at(-1)?.$cstNode;
        if (again?.offset !== regionText.length || again.end !== lastLeaf(guard).end + shift - start) return undefined;
        if (parsed.parserErrors.some((e) => !isPlaced(e.token) || e.token.startOffset >= regionText.length)) return undefined;
        // The guard keeps its previous nodes (a resource's analysis is kept by its node).
        newStatements = newStatements.slice(0, -1);
        newContent = newContent.filter((node) => node.offset < regionText.length);
    }
    return { first, last, start, oldEnd, regionText, guard, parsed, newRoot, newStatements, newContent };
}

function hasLexerErrors(result: ParseResult): boolean {
    return result.lexerErrors.length > 0 || (result.lexerReport?.diagnostics.length ?? 0) > 0;
}

/** A token with a place in the text (Chevrotain's EOF token has none). */
function isPlaced(token: IToken): boolean {
    return token.tokenType.name !== 'EOF' && Number.isFinite(token.startOffset);
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
 * The root CST items (top-level statements and comments) the edit touches, first..last, widened
 * until the item before is a statement after which a whole parse is between statements (no error
 * in it or in the gap after it) and so is the item after (the guard); and the text region they
 * span with the gaps around them: from the end of the item before to the start of the guard.
 */
function editedRegion(items: readonly CstNode[], oldText: string, text: string, errors: readonly IRecognitionException[]): { first: number; last: number; clean: (i: number) => boolean } {
    const shorter = Math.min(oldText.length, text.length);
    const prefix = commonLength(shorter, (at, n) => oldText.slice(at, at + n) === text.slice(at, at + n));
    const suffix = commonLength(shorter - prefix, (at, n) => oldText.slice(oldText.length - at - n, oldText.length - at) === text.slice(text.length - at - n, text.length - at));
    const editEnd = oldText.length - suffix;
    // The items are in text order: the first that ends at or after the edit, the last that starts before its end.
    let first = firstWhere(items.length, (i) => lastLeaf(items[i]).end >= prefix);
    let last = firstWhere(items.length, (i) => firstLeaf(items[i]).offset > editEnd) - 1;
    const itemStart = (i: number) => (i < items.length ? firstLeaf(items[i]).offset : oldText.length);
    // An error at the end of the text (Chevrotain's EOF token has no place) is the last item's;
    // one at the first token of the next item may be where this one was cut short.
    const errorAt = (e: IRecognitionException) => (isPlaced(e.token) ? e.token.startOffset : oldText.length);
    const isStatement = (i: number) => isStatementItem(items[i]!);
    const nextTokenEnd = (i: number) => {
        let next = i + 1;
        while (next < items.length && !isStatement(next)) next++;
        return next < items.length ? firstLeaf(items[next]).end : oldText.length + 1;
    };
    const clean = (i: number) => isStatement(i) && !errors.some((e) => errorAt(e) >= itemStart(i) && errorAt(e) < nextTokenEnd(i));
    while (first > 0 && !clean(first - 1)) first--;
    while (last + 1 < items.length && !clean(last + 1)) last++;
    return { first, last, clean };
}

/**
 * How many characters two texts have in common (at most `max`), told by `same(at, n)` for the n
 * characters from `at`: compared a block at a time, as a file of 1 000 resources has 400 000.
 */
function commonLength(max: number, same: (at: number, n: number) => boolean): number {
    let length = 0;
    for (let block = 4096; block >= 1; block >>= 3) {
        while (length + block <= max && same(length, block)) length += block;
    }
    return length;
}

/** The first of 0..count-1 where `holds` (which once true stays true), else count. */
function firstWhere(count: number, holds: (i: number) => boolean): number {
    let low = 0;
    let high = count;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (holds(middle)) high = middle;
        else low = middle + 1;
    }
    return low;
}

function firstLeaf(node: CstNode): DocumentSegment {
    return edgeToken(node, false);
}

function lastLeaf(node: CstNode): DocumentSegment {
    return edgeToken(node, true);
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
