import { AstUtils, GrammarAST, GrammarUtils, isAstNode, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import { leafCharacter, leafLine } from '../../syntax/drbd-cst.js';
import { isDirect, valueToken, type DirectSpan, type DirectTokens } from '../../syntax/direct-parser.js';
import type { Loc } from '../../drbd/model.js';

/**
 * A CST node's range as Langium's `range` getters compute it (start of the first non-hidden
 * leaf, end of the last one, never before the start), read from the leaves' positions: the
 * getters allocate objects per call and cache one on every composite node, and the builder
 * asks for thousands of locations per analysis.
 */
export function locOfCst(cst: CstNode | undefined, file: string): Loc {
    if (!cst) return { file, line: 0, startLine: 0, startChar: 0, endLine: 0, endChar: 0 };
    startOf(cst, START);
    endOf(cst, END);
    return makeLoc(file, START.line, START.character, END.line, END.character);
}

/**
 * A Loc (`line` is the 1-based start line) whose numbers V8 stores unboxed. Positions read from
 * Chevrotain's tokens are heap doubles (its EOF token has NaN ones); a single Loc holding one
 * makes every Loc box its five numbers: 16 bytes each, in 90 000 Locs at 5 000 resources.
 */
export function makeLoc(file: string, startLine: number, startChar: number, endLine: number, endChar: number): Loc {
    return { file, line: (startLine + 1) | 0, startLine: startLine | 0, startChar: startChar | 0, endLine: endLine | 0, endChar: endChar | 0 };
}

/**
 * Whether a construct is where `loc` says, as locOf would answer, without making a Loc: asked
 * of every section at every keystroke (ResourceBuildCache), where answering with new Locs was
 * most of what an edit of a large file allocated.
 */
export function isAt(node: AstNode, loc: Loc): boolean {
    if (isDirect(node) && node.$first <= node.$last) {
        spanOfTokens(node.$tokens, node.$first, node.$last);
    } else if (!isDirect(node) && node.$cstNode) {
        startOf(node.$cstNode, START);
        endOf(node.$cstNode, END);
    } else {
        // Nowhere, as locOf answers for a node without tokens or tree: 0:0 to 0:0.
        set(START, 0, 0);
        set(END, 0, 0);
    }
    return START.line === loc.startLine && START.character === loc.startChar && END.line === loc.endLine && END.character === loc.endChar;
}

/** Whether a construct starts before a position (locOf's start), without making a Loc: asked of every section of a file with a syntax error. */
export function startsBefore(node: AstNode, line: number, character: number): boolean {
    if (isDirect(node)) {
        const { $tokens: tokens, $first: first } = node;
        const empty = first > node.$last;
        const l = empty ? 0 : tokens.line(first);
        const c = empty ? 0 : tokens.character(first);
        return l < line || (l === line && c < character);
    }
    if (node.$cstNode) startOf(node.$cstNode, START);
    else set(START, 0, 0);
    return START.line < line || (START.line === line && START.character < character);
}

interface Position {
    line: number;
    character: number;
}

/** Where startOf and endOf leave their answers: locations are asked for by the thousand, and read at once. */
const START: Position = { line: 0, character: 0 };
const END: Position = { line: 0, character: 0 };

function firstNonHidden(content: readonly CstNode[]): CstNode | undefined {
    for (const child of content) if (!child.hidden) return child;
    return content[0];
}

function lastNonHidden(content: readonly CstNode[]): CstNode | undefined {
    for (let i = content.length - 1; i >= 0; i--) if (!content[i].hidden) return content[i];
    return content[content.length - 1];
}

function set(into: Position, line: number, character: number): Position {
    into.line = line;
    into.character = character;
    return into;
}

/** The first non-hidden leaf's start (0:0 for an empty node), into `into`. */
function startOf(node: CstNode, into: Position): Position {
    for (;;) {
        if (!isCompositeCstNode(node)) return set(into, leafLine(node, false), leafCharacter(node, false));
        const first = firstNonHidden(node.content);
        if (!first) return set(into, 0, 0);
        node = first;
    }
}

/** The last non-hidden leaf's end, into `into`; Langium's rule: an end on a line before the node's start is that start. */
function endOf(node: CstNode, into: Position): Position {
    if (!isCompositeCstNode(node)) return set(into, leafLine(node, true), leafCharacter(node, true));
    const last = lastNonHidden(node.content);
    if (!last) return set(into, 0, 0);
    endOf(last, into);
    const { line, character } = into;
    startOf(node, into);
    return line >= into.line ? set(into, line, character) : into;
}

/** The range from one token's start to another's end (first <= last), into START and END, as endOf reads leaves. */
function spanOfTokens(tokens: DirectTokens, first: number, last: number): void {
    set(START, tokens.line(first), tokens.character(first));
    const endLine = tokens.line(last, true);
    if (endLine >= START.line) set(END, endLine, tokens.character(last, true));
    else set(END, START.line, START.character);
}

/** The range from one token's start to another's end, as locOfCst gives it for those tokens' leaves. */
function locOfTokens(tokens: DirectTokens, first: number, last: number, file: string): Loc {
    if (first > last) return locOfCst(undefined, file);
    spanOfTokens(tokens, first, last);
    return makeLoc(file, START.line, START.character, END.line, END.character);
}

/** Where a whole construct is (parsed by Langium, or directly: see direct-parser.ts). */
export function locOf(node: AstNode, file: string): Loc {
    if (!isDirect(node)) return locOfCst(node.$cstNode, file);
    return locOfTokens(node.$tokens, node.$first, node.$last, file);
}

/** Where one property of a construct is (the name token, the value...); the construct if absent. */
export function locOfProperty(node: AstNode, property: string, file: string, index?: number): Loc {
    if (isDirect(node)) return locOfDirectProperty(node, property, file, index ?? 0);
    const cst = node.$cstNode && nodeForProperty(node.$cstNode, property, index ?? 0);
    return locOfCst(cst ?? node.$cstNode, file);
}

/** locOfProperty of a directly parsed node: the index-th value, clamped to the values there are. */
function locOfDirectProperty(node: AstNode & DirectSpan, property: string, file: string, index: number): Loc {
    const value = (node as unknown as Record<string, unknown>)[property];
    const values = Array.isArray(value) ? value : [value];
    const i = Math.min(Math.max(0, index), values.length - 1);
    if (i >= 0 && isAstNode(values[i])) return locOf(values[i], file);
    const at = valueToken(node, property);
    if (i < 0 || at === undefined) return locOf(node, file);
    return locOfTokens(node.$tokens, at + i, at + i, file);
}

/** The text of a construct up to its first blank: the word it starts with (drbdadm's "but got"). */
export function firstWordOf(node: AstNode): string {
    if (!isDirect(node)) return node.$cstNode?.text.split(/\s/)[0] ?? '';
    const tokens = node.$tokens;
    return tokens.text.slice(tokens.offset(node.$first), tokens.offset(node.$last, true)).split(/\s/)[0]!;
}

/** The property a grammar element assigns to (the grammar is fixed: looked up once per element). */
const assignedFeature = new WeakMap<object, string | undefined>();
function featureOf(cst: CstNode): string | undefined {
    const element = cst.grammarSource;
    if (!element) return undefined;
    if (!assignedFeature.has(element)) assignedFeature.set(element, AstUtils.getContainerOfType(element, GrammarAST.isAssignment)?.feature);
    return assignedFeature.get(element);
}

/**
 * GrammarUtils.findNodeForProperty's answer (the index-th CST node of the property, clamped to
 * the ones there are), without its per-node grammar walk and arrays: the builder asks for
 * thousands of locations per analysis.
 */
function nodeForProperty(root: CstNode, property: string, index: number): CstNode | undefined {
    const wanted = Math.max(0, index);
    let count = 0;
    let last: CstNode | undefined;
    const visit = (node: CstNode, isRoot: boolean): boolean => {
        if (!isRoot && featureOf(node) === property) {
            last = node;
            return count++ === wanted;
        }
        if (isCompositeCstNode(node) && node.astNode === root.astNode) {
            for (const child of node.content) if (visit(child, false)) return true;
        }
        return false;
    };
    visit(root, true);
    return last;
}

/**
 * Where a keyword of a construct is (e.g. the `on` of a host section). Of a directly parsed one:
 * its first token that is this keyword (the builder asks for the keyword a construct starts with).
 */
export function locOfKeyword(node: AstNode, keyword: string, file: string): Loc {
    if (isDirect(node)) {
        for (let at = node.$first; at <= node.$last; at++) {
            if (node.$tokens.className(at) === keyword) return locOfTokens(node.$tokens, at, at, file);
        }
        return locOf(node, file);
    }
    const cst = node.$cstNode && GrammarUtils.findNodeForKeyword(node.$cstNode, keyword);
    return locOfCst(cst ?? node.$cstNode, file);
}

/** The first line of a construct only: drbdadm points at a section by the line it starts on. */
export function headOf(loc: Loc): Loc {
    return loc.endLine === loc.startLine ? loc : { ...loc, endLine: loc.startLine, endChar: loc.startChar + 1 };
}
