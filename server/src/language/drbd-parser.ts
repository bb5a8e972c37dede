import type { ITokenGrammarPath, TokenType } from 'chevrotain';
import { createParser, LangiumParser, type AstNode, type LangiumCoreServices, type ParseResult, type ParserOptions } from 'langium';

/** The part of Chevrotain's recovery we speed up (its own method, not in its typings). */
interface FollowWalker {
    getNextPossibleTokenTypes(path: ITokenGrammarPath): TokenType[];
}

/**
 * Langium's parser, kept fast on inputs with thousands of syntax errors (a paste gone wrong, 10 000
 * nested sections): at every error Chevrotain walks the grammar again to learn what may follow,
 * and captures a stack trace for an exception it catches itself. The walks depend only on the
 * grammar path, so they are remembered; the stack traces are not captured.
 */
export class DrbdParser extends LangiumParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        const wrapper = this.wrapper as unknown as FollowWalker;
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
        //DBG
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
