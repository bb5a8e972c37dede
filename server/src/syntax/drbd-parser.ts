import type { IToken, ITokenGrammarPath, TokenType } from 'chevrotain';
import {
    AstUtils, createParser, GrammarAST, GrammarUtils, isAstNode, isCompositeCstNode, LangiumParser,
    type AstNode, type CompositeCstNode, type CstNode, type LangiumCoreServices, type Module, type ParseResult, type ParserOptions, type PartialLangiumCoreServices,
} from 'langium';
import { buildLineLeaves } from './drbd-cst.js';
import { DrbdLexer } from './drbd-lexer.js';
import { DrbdParserErrorMessageProvider, type TokenNumbering } from './drbd-parser-errors.js';
import { DrbdValueConverter } from './drbd-value-converter.js';

/** The parts of Chevrotain's recovery we adjust (its own methods, not in its typings). */
interface Recovery {
    getNextPossibleTokenTypes(path: ITokenGrammarPath): TokenType[];
    attemptInRepetitionRecovery(...args: unknown[]): void;
}

/** Langium's CST builder (internal), which the parser hands each token's preceding comments. */
interface HiddenNodes {
    addHiddenNodes(tokens: IToken[]): void;
}

/** Langium's parser internals (private in its typings) that DrbdParser wraps. */
interface Building {
    stack: object[];
    construct(): unknown;
    assign(operator: string, feature: string, value: unknown, cstNode: CstNode, crossRef: unknown): void;
    doParse(rule: unknown): AstNode;
    assignWithoutOverride(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown>;
    extractHiddenTokens(token: IToken): IToken[];
    getAssignment(feature: GrammarAST.AbstractElement): { assignment?: GrammarAST.Assignment; crossRef?: unknown };
    nodeBuilder: { addHiddenNodes(tokens: IToken[]): void; buildLeafNode(token: IToken, feature: GrammarAST.AbstractElement): CstNode };
}

/** Chevrotain's token stream (its own methods, not in Langium's typings). */
interface TokenStream {
    LA(howMuch: number): IToken;
    consumeToken(): void;
}

/** For an assigned call of a datatype rule that chooses between terminals: its rule and, by token type, the terminal. */
interface DirectCall {
    rule: GrammarAST.ParserRule;
    terminals: Map<number, GrammarAST.TerminalRule>;
}

/** A CST node as the builder makes it: its parent and grammar element can be set. */
type MutableCst = { container?: CompositeCstNode; grammarSource?: GrammarAST.AbstractElement; content?: CstNode[] };

/** How many recoveries inside one repetition may nest (each goes one call deeper). */
const MAX_NESTED_RECOVERIES = 100;

/**
 * Langium's parser, kept fast and within the stack on inputs with thousands of syntax errors (a
 * paste gone wrong, 10 000 nested sections). At every error Chevrotain walks the grammar again to
 * learn what may follow, and captures a stack trace for an exception it catches itself: the walks
 * depend only on the grammar path, so they are remembered, and no stack traces are captured. It
 * recovers inside a repetition by calling the repetition again, one level deeper per error: past
 * MAX_NESTED_RECOVERIES it recovers by skipping to the end of the enclosing rule instead. And
 * a token without comments before it adds no comment nodes: Langium would still search the tree
 * upwards for where to add none, at every token, which is slow in deeply nested sections.
 */
export class DrbdParser extends LangiumParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        const wrapper = this.wrapper as unknown as Recovery;
        const recover = wrapper.attemptInRepetitionRecovery.bind(wrapper);
        let nested = 0;
        wrapper.attemptInRepetitionRecovery = (...args) => {
            if (nested >= MAX_NESTED_RECOVERIES) return;
            nested++;
            try {
                recover(...args);
            } finally {
                nested--;
            }
        };
        const builder = (this as unknown as { nodeBuilder: HiddenNodes & Parameters<typeof buildLineLeaves>[0] }).nodeBuilder;
        buildLineLeaves(builder);
        const addHidden = builder.addHiddenNodes.bind(builder);
        builder.addHiddenNodes = (tokens) => {
            if (tokens.length > 0) addHidden(tokens);
        };
        const walk = wrapper.getNextPossibleTokenTypes.bind(wrapper);
        const follows = new Map<string, TokenType[]>();
        wrapper.getNextPossibleTokenTypes = (path) => {
            const key = `${path.ruleStack.join()}|${path.occurrenceStack.join()}|${path.lastTok.name}|${path.lastTokOccurrence}`;
            let result = follows.get(key);
            if (!result) {
                result = walk(path);
                follows.set(key, result);
            }
            return result;
        };
        this.buildCompactly(services);
        this.directCalls = directCalls(services);
        this.valueConverter = services.parser.ValueConverter as DrbdValueConverter;
    }

    private readonly directCalls: Map<GrammarAST.AbstractElement, DirectCall>;
    private readonly valueConverter: DrbdValueConverter;

    /**
     * A name or a value (a datatype rule that chooses between terminals) takes its token here when
     * the token is one of those terminals, without a rule call: the tree and value are those the
     * call builds (see buildCompactly), and no error can occur in it.
     */
    override subrule(idx: number, rule: (args: Record<string, boolean>) => unknown, fragment: boolean, feature: GrammarAST.AbstractElement, args: Record<string, boolean>): void {
        const direct = this.directCalls.get(feature);
        const stream = this.wrapper as unknown as TokenStream;
        const token = direct && !this.isRecording() ? stream.LA(1) : undefined;
        const terminal = token && direct!.terminals.get(token.tokenTypeIdx);
        if (!terminal) {
            super.subrule(idx, rule, fragment, feature, args);
            return;
        }
        const self = this as unknown as Building;
        stream.consumeToken();
        self.nodeBuilder.addHiddenNodes(self.extractHiddenTokens(token));
        const leaf = self.nodeBuilder.buildLeafNode(token, feature);
        const { assignment, crossRef } = self.getAssignment(feature);
        self.assign(assignment!.operator, assignment!.feature, this.valueConverter.convertToken(terminal, direct!.rule, token.image, leaf), leaf, crossRef);
    }

    /**
     * Langium gives every rule call its own CST node: a datatype rule call (a name, a value: most
     * tokens) wraps its one token, and a rule that only chooses between other rules (a statement)
     * nests the chosen rule's node in its own. Such a node is replaced by what it wraps, which takes
     * over its grammar element where that one tells more (the assignment a name or value belongs to);
     * the tree keeps every position, assignment, keyword and AST link it had. And each AST node
     * gets its container when it is assigned, rather than in a walk of the whole AST afterwards.
     */
    private buildCompactly(services: LangiumCoreServices): void {
        const self = this as unknown as Building;
        const passThrough = new Set<GrammarAST.AbstractElement>(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isRuleCall).filter((call) => {
            const rule = call.rule.ref;
            return GrammarAST.isParserRule(rule) && !rule.fragment && !GrammarUtils.isDataTypeRule(rule) && !AstUtils.getContainerOfType(call, GrammarAST.isAssignment);
        }));
        const construct = self.construct.bind(self);
        self.construct = () => {
            const built = self.stack.at(-1) as { $cstNode?: CstNode } | undefined;
            const result = construct();
            const cst = built?.$cstNode as (CompositeCstNode & MutableCst) | undefined;
            if (result === undefined || !cst || cst.content.length !== 1) return result;
            const only = cst.content[0] as CstNode & MutableCst;
            if (typeof result === 'string') {
                // A datatype rule's node around one terminal (not a keyword: hovers look for those).
                const parent = cst.container;
                if (isCompositeCstNode(only) || !GrammarAST.isRuleCall(only.grammarSource) || parent?.content.at(-1) !== cst) return result;
                only.container = parent;
                only.grammarSource = cst.grammarSource;
                (parent.content as CstNode[])[parent.content.length - 1] = only;
            } else if (isCompositeCstNode(only) && only.grammarSource && passThrough.has(only.grammarSource)) {
                for (const child of only.content) (child as MutableCst).container = cst;
                cst.content = only.content;
            }
            return result;
        };
        // A rule that only chooses between others hands on the chosen one's node as it is, unless
        // it had assigned anything itself (which none of the grammar's does): what it had assigned
        // then moves to that node, and is linked to it.
        const assignWithoutOverride = self.assignWithoutOverride.bind(self);
        self.assignWithoutOverride = (target, source) => {
            for (const key in source) {
                if (key !== '$type') {
                    const merged = assignWithoutOverride(target, source);
                    AstUtils.linkContentToContainer(merged as unknown as AstNode);
                    return merged;
                }
            }
            target.$cstNode = undefined;
            return target;
        };
        // Lists are compacted as Langium compacts the CST's: a list grown by push() from empty has
        // room for 17 entries (most hold one or two).
        const lists: [Record<string, unknown[]>, string][] = [];
        const assign = self.assign.bind(self);
        self.assign = (operator, feature, value, cstNode, crossRef) => {
            const container = self.stack.at(-1) as Record<string, unknown[]>;
            assign(operator, feature, value, cstNode, crossRef);
            const index = operator === '+=' ? container[feature]!.length - 1 : undefined;
            if (index === 0) lists.push([container, feature]);
            if (!isAstNode(value)) return;
            const node = value as { -readonly [K in '$container' | '$containerProperty' | '$containerIndex']?: AstNode[K] };
            node.$container = container as unknown as AstNode;
            node.$containerProperty = feature;
            if (index !== undefined) node.$containerIndex = index;
        };
        // Langium links the containers again after parsing, by a walk from the root: the root's
        // properties are hidden from that walk (key order kept: they are not deleted).
        const doParse = self.doParse.bind(self);
        self.doParse = (rule) => {
            lists.length = 0;
            const root = doParse(rule);
            for (const [owner, feature] of lists) owner[feature] = owner[feature]!.slice();
            lists.length = 0;
            if (!isAstNode(root)) return root;
            for (const key of Object.keys(root)) if (!key.startsWith('$')) Object.defineProperty(root, key, { enumerable: false });
            this.hiddenRoot = root;
            return root;
        };
    }

    private hiddenRoot: AstNode | undefined;

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return super.parse<T>(input, options);
        } finally {
            Error.stackTraceLimit = limit;
            const root = this.hiddenRoot;
            this.hiddenRoot = undefined;
            if (root) for (const key of Object.getOwnPropertyNames(root)) if (!key.startsWith('$')) Object.defineProperty(root, key, { enumerable: true });
            // The parser would hold the tokens until the next parse.
            this.wrapper.input = [];
        }
    }
}

function directCalls(services: LangiumCoreServices): Map<GrammarAST.AbstractElement, DirectCall> {
    const tokenTypes = services.parser.Lexer.definition as Record<string, TokenType>;
    const calls = new Map<GrammarAST.AbstractElement, DirectCall>();
    for (const call of AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isRuleCall)) {
        const rule = call.rule.ref;
        if (!GrammarAST.isParserRule(rule) || !GrammarUtils.isDataTypeRule(rule) || !AstUtils.getContainerOfType(call, GrammarAST.isAssignment)) continue;
        const choices = GrammarAST.isAlternatives(rule.definition) && !rule.definition.cardinality ? rule.definition.elements : [];
        const terminals = new Map<number, GrammarAST.TerminalRule>();
        for (const choice of choices) {
            const terminal = GrammarAST.isRuleCall(choice) && !choice.cardinality ? choice.rule.ref : undefined;
            if (GrammarAST.isTerminalRule(terminal) && !terminal.hidden) terminals.set(tokenTypes[terminal.name]!.tokenTypeIdx!, terminal);
        }
        if (terminals.size > 0) calls.set(call, { rule, terminals });
    }
    return calls;
}

export function createDrbdParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new DrbdParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/**
 * The services that make text into a DRBD AST: the language server's and the CLI's parse-only ones.
 * `tokenNumber` words parse errors with drbdadm's token numbers.
 */
export function drbdParserModule(tokenNumber: TokenNumbering): Module<LangiumCoreServices, PartialLangiumCoreServices> {
    return {
        parser: {
            Lexer: (services) => new DrbdLexer(services),
            LangiumParser: (services) => createDrbdParser(services),
            ValueConverter: () => new DrbdValueConverter(),
            ParserErrorMessageProvider: () => new DrbdParserErrorMessageProvider(tokenNumber),
        },
    };
}
