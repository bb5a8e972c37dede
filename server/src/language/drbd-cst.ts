import type { IToken, TokenType } from 'chevrotain';
import { DrbdToken, lineIndexOf, lineStartsOf } from './drbd-lexer.js';
import { AbstractCstNode, isCompositeCstNode, type CompositeCstNode, type CstNode, type GrammarAST, type LeafCstNode, type RootCstNode } from 'langium';

/**
 * The CST node of a token on one line: what Langium's LeafCstNodeImpl answers, from fewer fields.
 * Tokens are most of a CST, and most of its memory: the node keeps its offset and length only,
 * and reads its line and column from its root's line table (the end is on the start line, after
 * the token's length).
 */
class LineLeafCstNode extends AbstractCstNode implements LeafCstNode {
    constructor(private start: number, readonly length: number, readonly tokenType: TokenType, grammarSource: GrammarAST.AbstractElement) {
        super();
        this.grammarSource = grammarSource;
    }

    get offset(): number {
        return this.start;
    }

    /** Where the token starts: its line, and the offset that line starts at. */
    lineAt(): { line: number; lineStart: number } {
        return lineOf(this.root, this.start);
    }

    characterAt(end: boolean): number {
        const column = this.start - this.lineAt().lineStart;
        return end ? column + this.length : column;
    }

    moveBy(offset: number): void {
        this.start += offset;
    }

    get end(): number {
        return this.offset + this.length;
    }

    get hidden(): boolean {
        return false;
    }

    get astNode(): LeafCstNode['astNode'] {
        if (!this.container) throw new Error('This node has no associated AST element');
        return this.container.astNode;
    }

    get range(): LeafCstNode['range'] {
        const { line, lineStart } = this.lineAt();
        const column = this.start - lineStart;
        return { start: { line, character: column }, end: { line, character: column + this.length } };
    }
}

/** Offsets each line of a text starts at, line ends counted as the lexer counts them. */
interface LineTable {
    text: string;
    starts: readonly number[];
}

/** By root: a re-parse gives a new root, an incremental one a new text (so the table is checked against it). */
const lineTables = new WeakMap<CstNode, LineTable>();

/** The line (0-based) an offset of the root's text is on, and where that line starts. */
function lineOf(root: CstNode, offset: number): { line: number; lineStart: number } {
    const text = (root as Partial<RootCstNode>).fullText ?? '';
    let table = lineTables.get(root);
    if (table?.text !== text) {
        table = { text, starts: lineStartsOf(text) };
        lineTables.set(root, table);
    }
    const line = lineIndexOf(table.starts, offset);
    return { line, lineStart: table.starts[line]! };
}

/** The builder's way to add a token's node (CstNodeBuilder's methods, as the parser calls them). */
interface LeafBuilder {
    readonly current: CompositeCstNode;
    buildLeafNode(token: IToken, feature: GrammarAST.AbstractElement): LeafCstNode;
    appendChild(parent: CompositeCstNode, child: LeafCstNode): void;
}

/** Makes the builder give the parser's tokens that sit on one line a LineLeafCstNode. */
export function buildLineLeaves(builder: LeafBuilder): void {
    const buildLeaf = builder.buildLeafNode.bind(builder);
    builder.buildLeafNode = (token, feature) => {
        if (!feature || !(token instanceof DrbdToken) || !token.withinLine()) return buildLeaf(token, feature);
        const leaf = new LineLeafCstNode(token.startOffset, token.endOffset - token.startOffset + 1, token.tokenType, feature);
        builder.appendChild(builder.current, leaf);
        return leaf;
    };
}

/** The position fields of Langium's own leaves (comments, tokens over several lines); private in its typings. */
interface LangiumLeafFields {
    _offset: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}

/** A leaf's start or end line, without the objects Langium's `range` getter builds per call. */
export function leafLine(leaf: CstNode, end: boolean): number {
    if (leaf instanceof LineLeafCstNode) return leaf.lineAt().line;
    const l = leaf as unknown as LangiumLeafFields;
    return end ? l._endLine : l._startLine;
}

/** A leaf's start or end character (0-based, the end exclusive), as leafLine. */
export function leafCharacter(leaf: CstNode, end: boolean): number {
    if (leaf instanceof LineLeafCstNode) return leaf.characterAt(end);
    const l = leaf as unknown as LangiumLeafFields;
    return end ? l._endColumn : l._startColumn;
}

/** Where a composite node caches its range (private in Langium's typings). */
interface RangeCache {
    _rangeCache: unknown;
}

/**
 * Moves every leaf under `node` by `offset` characters and `lines` lines; a leaf on line
 * `columnLine` (before the move) also by `columns` characters (a LineLeafCstNode moves its offset
 * only: its line and column follow from the text of the root it joins). Cached ranges are dropped. For the
 * incremental re-parse, which keeps unchanged statements and moves them where the edited text puts them.
 */
export function moveTree(node: CstNode, offset: number, lines: number, columnLine: number, columns: number): void {
    if (isCompositeCstNode(node)) {
        (node as unknown as RangeCache)._rangeCache = undefined;
        for (const child of node.content) moveTree(child, offset, lines, columnLine, columns);
    } else if (node instanceof LineLeafCstNode) {
        node.moveBy(offset);
    } else {
        const l = node as unknown as LangiumLeafFields;
        if (l._startLine === columnLine) l._startColumn += columns;
        if (l._endLine === columnLine) l._endColumn += columns;
        l._offset += offset;
        l._startLine += lines;
        l._endLine += lines;
    }
}

/** Makes `root` the root of `content` for the whole `text` (the incremental re-parse's splice). */
export function adoptAsRoot(root: RootCstNode, content: CstNode[], text: string): void {
    for (const node of content) (node as { container?: CompositeCstNode }).container = root;
    (root as unknown as { content: CstNode[] }).content = content;
    (root as unknown as { _text: string })._text = text;
    (root as unknown as RangeCache)._rangeCache = undefined;
}
