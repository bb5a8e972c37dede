import type { IToken, ITokenGrammarPath, TokenType } from 'chevrotain';
import {
    createParser, LangiumParser, type AstNode, type LangiumCoreServices, type Module, type ParseResult, type ParserOptions, type PartialLangiumCoreServices,
} from 'langium';
import { DrbdLexer } from './drbd-lexer.js';
import { DrbdParserErrorMessageProvider } from './drbd-parser-errors.js';
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
        const builder = (this as unknown as { nodeBuilder: HiddenNodes }).nodeBuilder;
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
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return super.parse<T>(input, options);
        } finally {
            Error.stackTraceLimit = limit;
        }
    }
}

export function createDrbdParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new DrbdParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/** The services that make text into a DRBD AST: the language server's and the CLI's parse-only ones. */
export const DrbdParserModule: Module<LangiumCoreServices, PartialLangiumCoreServices> = {
    parser: {
        Lexer: (services) => new DrbdLexer(services),
        LangiumParser: (services) => createDrbdParser(services),
        ValueConverter: () => new DrbdValueConverter(),
        ParserErrorMessageProvider: () => new DrbdParserErrorMessageProvider(),
    },
};
