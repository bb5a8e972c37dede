import type { TokenType } from 'chevrotain';
import {
    AbstractCstNode, AstUtils, CstUtils, isAstNode, isCompositeCstNode, LeafCstNodeImpl, RootCstNodeImpl,
    type AstNode, type CompositeCstNode, type CstNode, type DocumentSegment, GrammarAST, type LangiumCoreServices, type LangiumParser, type RootCstNode,
} from 'langium';
import { moveTree } from './drbd-cst.js';
import { endsLine } from './drbd-lexer.js';
import { isDirect, parseLinkedDirectly, type DirectSpan } from './direct-parser.js';
import type { DrbdFile } from './generated/ast.js';

/**
 * A top-level statement of an open document, parsed directly (direct-parser.ts): its place in the
 * text comes from its tokens, and its syntax tree is made only when something walks into it (a
 * hover, a definition, a quick fix there). An open file of 5 000 resources otherwise keeps a
 * syntax tree of 400 000 nodes that the editor's features read a statement or two of. Made, the
 * tree is Langium's parse of the statement's text, given to the statement's own AST nodes (the
 * analyses know a resource by its node), and it takes this item's place among the root's.
 * The incremental re-parse moves an item by its tokens (moveBy) and never walks into it.
 */
export class DirectStatementCst extends AbstractCstNode implements CompositeCstNode {
    /** The syntax tree once made: then it answers, in the root in this item's place. */
    private tree: CompositeCstNode | undefined;
    /** Whether no tree could be made (see syntaxTree). */
    private failed = false;

    constructor(readonly statement: AstNode & DirectSpan, private readonly parser: LangiumParser) {
        super();
    }

    get offset(): number {
        return this.tree?.offset ?? this.statement.$tokens.offset(this.statement.$first);
    }

    get end(): number {
        return this.tree?.end ?? this.statement.$tokens.offset(this.statement.$last, true);
    }

    get length(): number {
        return this.end - this.offset;
    }

    get range(): CstNode['range'] {
        return this.tree?.range ?? { start: this.tokenSegment(false).range.start, end: this.tokenSegment(true).range.end };
    }

    get hidden(): boolean {
        return false;
    }

    get astNode(): AstNode {
        return this.statement;
    }

    get content(): readonly CstNode[] {
        return this.syntaxTree()?.content ?? [];
    }

    /** The first token's place, or the last's: what the incremental re-parse reads of an item. */
    tokenSegment(last: boolean): DocumentSegment {
        if (this.tree) return edgeToken(this.tree, last);
        const { $tokens: tokens, $first: first, $last: lastToken } = this.statement;
        const at = last ? lastToken : first;
        const [offset, end] = [tokens.offset(at), tokens.offset(at, true)];
        const range = { start: { line: tokens.line(at), character: tokens.character(at) }, end: { line: tokens.line(at, true), character: tokens.character(at, true) } };
        return { offset, end, length: end - offset, range };
    }

    /** moveTree's move, of the statement's tokens (or of its syntax tree, once made). */
    moveBy(offset: number, lines: number, columnLine: number, columns: number): void {
        if (this.tree) moveTree(this.tree, offset, lines, columnLine, columns);
        else this.statement.$tokens.move(this.statement.$first, this.statement.$last, offset, lines, columnLine, columns);
    }

    /**
     * Langium's parse of the statement's text, moved to where the statement is, its AST nodes
     * swapped for the statement's own (which then read their places from it); in the root, in
     * place of this item. None where that parse is not the statement (the differential tests of
     * direct-parser.ts check that it always is).
     */
    syntaxTree(): CompositeCstNode | undefined {
        if (this.tree || this.failed) return this.tree;
        const { line, character } = this.tokenSegment(false).range.start;
        const offset = this.offset;
        const parsed = this.parser.parse<DrbdFile>(this.root.fullText.slice(offset, this.end));
        const twin = parsed.value.statements[0];
        const tree = twin?.$cstNode;
        const pairs: Array<[AstNode, AstNode]> = [];
        if (parsed.parserErrors.length > 0 || parsed.value.statements.length !== 1 || !tree || !isCompositeCstNode(tree) || !pair(this.statement, twin, pairs)) {
            this.failed = true;
            return undefined;
        }
        moveTree(tree, offset, line, 0, character);
        const owner = new Map(pairs.map(([own, parsedNode]) => [parsedNode, own]));
        for (const node of CstUtils.streamCst(tree)) {
            const astNode = (node as { _astNode?: AstNode })._astNode;
            if (astNode && owner.has(astNode)) (node as { astNode: AstNode }).astNode = owner.get(astNode)!;
        }
        for (const [own, parsedNode] of pairs) Object.assign(own, { $cstNode: parsedNode.$cstNode, $tokens: undefined });
        (tree as { container?: CompositeCstNode }).container = this.container;
        const siblings = this.container?.content as CstNode[] | undefined;
        const at = siblings?.indexOf(this) ?? -1;
        if (siblings && at >= 0) siblings[at] = tree;
        this.tree = tree;
        return tree;
    }
}

/** Pairs each AST node of `twin` with `own`'s node in the same place: false where their shapes differ. */
function pair(own: AstNode, twin: AstNode, pairs: Array<[AstNode, AstNode]>): boolean {
    if (own.$type !== twin.$type) return false;
    pairs.push([own, twin]);
    const ownFields = own as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(twin)) {
        if (key.startsWith('$')) continue;
        const mine = ownFields[key];
        if (isAstNode(value)) {
            if (!isAstNode(mine) || !pair(mine, value, pairs)) return false;
        } else if (Array.isArray(value)) {
            if (!Array.isArray(mine) || mine.length !== value.length) return false;
            for (let i = 0; i < value.length; i++) {
                const item: unknown = value[i];
                if (isAstNode(item) && !(isAstNode(mine[i]) && pair(mine[i] as AstNode, item, pairs))) return false;
            }
        }
    }
    return true;
}

/** What an open document's direct parse needs of the language: its parser, and what Langium's root items are made of. */
export interface OpenParsing {
    parser: LangiumParser;
    /** The grammar element of a top-level statement's node (the rule call of DrbdFile's statements). */
    statementCall: GrammarAST.AbstractElement;
    comment: TokenType;
}

/** OpenParsing of a language's services. */
export function openParsingOf(services: LangiumCoreServices): OpenParsing {
    const file = services.Grammar.rules.find((rule) => rule.name === 'DrbdFile')!;
    const assignment = AstUtils.streamAllContents(file).find((n) => GrammarAST.isAssignment(n) && n.feature === 'statements') as GrammarAST.Assignment;
    return { parser: services.parser.LangiumParser, statementCall: assignment.terminal, comment: services.parser.Lexer.definition['SL_COMMENT']! };
}

/**
 * An open document's parse when its text has no syntax error: the direct parse, under a root
 * whose items are DirectStatementCst, with the comments between them as Langium places them
 * (hidden leaves of the root). Undefined where the text has an error.
 */
export function parseOpenDirectly(text: string, language: OpenParsing): DrbdFile | undefined {
    const file = parseLinkedDirectly(text);
    return file && openDirectParse(file, text, language);
}

/**
 * A closed document's direct parse (see DrbdDocumentFactory), of `text`, as the parse of the
 * document opened with that text: the same AST nodes, so the analyses keep all they had.
 */
export function openDirectParse(file: DrbdFile, text: string, language: OpenParsing): DrbdFile {
    const root = new RootCstNodeImpl(text);
    const items: CstNode[] = [];
    let from = 0;
    let position = { line: 0, character: 0 };
    for (const statement of file.statements) {
        const item = new DirectStatementCst(statement as unknown as AstNode & DirectSpan, language.parser);
        item.grammarSource = language.statementCall;
        commentsBetween(text, from, item.offset, position, language.comment, items);
        items.push(item);
        from = item.end;
        position = item.tokenSegment(true).range.end;
    }
    commentsBetween(text, from, text.length, position, language.comment, items);
    for (const item of items) (item as { container?: CompositeCstNode }).container = root;
    (root as unknown as { content: CstNode[] }).content = items;
    root.astNode = file;
    Object.assign(file, { $cstNode: root });
    return file;
}

/**
 * The comments of text[from, to), a stretch between statements (only blanks and comments), that
 * starts at `start`: leaves placed as scanDrbd places a comment token (`#` to the line's `\n`).
 */
function commentsBetween(text: string, from: number, to: number, start: { line: number; character: number }, type: TokenType, into: CstNode[]): void {
    let line = start.line;
    let lineStart = from - start.character;
    for (let at = from; at < to; at++) {
        if (text.charCodeAt(at) === 0x23) {
            const newline = text.indexOf('\n', at);
            const end = newline < 0 || newline > to ? to : newline;
            const [startLine, startCharacter] = [line, at - lineStart];
            for (let i = at; i < end - 1; i++) {
                if (endsLine(text, i)) [line, lineStart] = [line + 1, i + 1];
            }
            into.push(new LeafCstNodeImpl(at, end - at, startLine, startCharacter, line, end - lineStart, type, true));
            at = end - 1;
        }
        if (endsLine(text, at)) [line, lineStart] = [line + 1, at + 1];
    }
}

/** Where a top-level statement starts: its syntax tree's offset, or its first token's. */
export function statementOffset(statement: AstNode): number | undefined {
    if (isDirect(statement)) return statement.$tokens.offset(statement.$first);
    return statement.$cstNode?.offset;
}

/** The first or last token of a root item, without making a directly parsed statement's tree. */
export function edgeToken(item: CstNode, last: boolean): DocumentSegment {
    if (item instanceof DirectStatementCst) return item.tokenSegment(last);
    let node = item;
    while (isCompositeCstNode(node) && node.content.length > 0) node = node.content[last ? node.content.length - 1 : 0]!;
    return node;
}

/** Whether a root item is a statement (not a comment), without making a directly parsed statement's tree. */
export function isStatementItem(item: CstNode): boolean {
    return item instanceof DirectStatementCst || (isCompositeCstNode(item) && !item.hidden);
}

/** moveTree for a root item. */
export function moveItem(item: CstNode, offset: number, lines: number, columnLine: number, columns: number): void {
    if (item instanceof DirectStatementCst) item.moveBy(offset, lines, columnLine, columns);
    else moveTree(item, offset, lines, columnLine, columns);
}

/** Points the tokens of a root's directly parsed statements at the edited text (those before the edit do not move). */
export function retextItems(root: RootCstNode): void {
    for (const item of root.content) if (item instanceof DirectStatementCst && isDirect(item.statement)) item.statement.$tokens.text = root.fullText;
}
