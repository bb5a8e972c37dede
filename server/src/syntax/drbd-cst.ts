import type { IToken, TokenType } from 'chevrotain';
import { AbstractCstNode, isCompositeCstNode, type CompositeCstNode, type CstNode, type GrammarAST, type LeafCstNode, type RootCstNode } from 'langium';

/**
 * The CST node of a token on one line: what Langium's LeafCstNodeImpl answers, from fewer fields
 * (the end is on the start line, after the token's length). Tokens are most of a CST, and most
 * of its memory.
 */
class LineLeafCstNode extends AbstractCstNode implements LeafCstNode {
    constructor(
        private start: number, readonly length: number, private line: number, private column: number,
        readonly tokenType: TokenType, grammarSource: GrammarAST.AbstractElement,
    ) {
        super();
        this.grammarSource = grammarSource;
    }

    get offset(): number {
        return this.start;
    }

    lineAt(): number {
        return this.line;
    }

    characterAt(end: boolean): number {
        return end ? this.column + this.length : this.column;
    }

    moveBy(offset: number, lines: number, columnLine: number, columns: number): void {
        if (this.line === columnLine) this.column += columns;
        this.start += offset;
        this.line += lines;
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
        return { start: { line: this.line, character: this.column }, end: { line: this.line, character: this.column + this.length } };
    }
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
        const length = token.image.length;
        // Chevrotain's lines and columns are 1-based, its end column inclusive.
        if (!feature || token.endLine !== token.startLine || token.endColumn !== token.startColumn! + length - 1) return buildLeaf(token, feature);
        const leaf = new LineLeafCstNode(token.startOffset, length, token.startLine! - 1, token.startColumn! - 1, token.tokenType, feature);
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
    if (leaf instanceof LineLeafCstNode) return leaf.lineAt();
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
 * `columnLine` (before the move) also by `columns` characters. Cached ranges are dropped. For the
 * incremental re-parse, which keeps unchanged statements and moves them where the edited text puts them.
 */
export function moveTree(node: CstNode, offset: number, lines: number, columnLine: number, columns: number): void {
    if (isCompositeCstNode(node)) {
        (node as unknown as RangeCache)._rangeCache = undefined;
        // Indexed: every keystroke moves the tree after it, and iterators here were garbage per node.
        const content = node.content;
        for (let i = 0; i < content.length; i++) moveTree(content[i]!, offset, lines, columnLine, columns);
    } else if (node instanceof LineLeafCstNode) {
        node.moveBy(offset, lines, columnLine, columns);
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
