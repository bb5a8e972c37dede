import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';

/** What drbdadm calls a token class in its "'X' expected" messages. */
function expectedName(type: TokenType): string {
    const name = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    switch (name) {
        case 'WORD': case 'DQSTRING': return 'TK_STRING';
        case 'INT': return 'TK_INTEGER';
        case 'IPV4': return 'TK_IPADDR';
        case 'IPV6': return 'TK_IPADDR6';
        case 'KMODVERS': return 'TK_KMODVERS';
        default: return name;
    }
}

/** drbdadm's check_string_error() text for the scanner's error tokens. */
function tokenError(token: IToken): string | undefined {
    if (token.tokenType.name !== 'TOO_LONG') {
        return undefined;
    }
    const head = token.image.slice(0, 20);
    if (!token.image.startsWith('"')) {
        return `Token too long >>>${head}...<<<`;
    }
    if (token.image.endsWith('\n') || token.image.endsWith('\\')) {
        return `Unterminated double quoted string\n  we don't allow embedded newlines\n  >>>${head}...<<<`;
    }
    return `Double quoted string too long >>>${head}...<<<`;
}

function got(token: IToken): string {
    const image = token.tokenType.name === 'EOF' ? '' : token.image;
    return `'${image.slice(0, 20)}${image.length > 20 ? '...' : ''}'`;
}

export const SKIP_AT_EOF = 'reached eof while parsing this skip block.';

/** The one parse error drbdadm does not make: a resource left open at the end of the input. */
export const UNCLOSED_RESOURCE_AT_EOF = "missing '}' of the last resource at the end of the file (drbdadm accepts this)";

// Langium suffixes rule names with an invisible character, hence startsWith() below.

/** Parse errors worded as drbdadm words them (`Parse error: 'X' expected, but got 'Y'`). */
export class DrbdParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const { expected, actual, ruleName } = options;
        if (actual.tokenType.name === 'EOF') {
            if (ruleName.startsWith('SkipBlock')) return SKIP_AT_EOF;
            if (ruleName.startsWith('ResourceSection') && expectedName(expected) === '}') return UNCLOSED_RESOURCE_AT_EOF;
        }
        return tokenError(actual) ?? `Parse error: '${expectedName(expected)}' expected,\n\tbut got ${got(actual)}`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        const token = options.firstRedundant;
        return tokenError(token)
            ?? `Parse error: 'global | common | resource | skip | include |\n\trequire-drbd-module-version-{eq,ne,gt,ge,lt,le}' expected,\n\tbut got ${got(token)}`;
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        return this.expectedOneOf(options.expectedPathsPerAlt.flat(), options.actual[0]!);
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        return this.expectedOneOf(options.expectedIterationPaths, options.actual[0]!);
    }

    private expectedOneOf(paths: TokenType[][], actual: IToken): string {
        const names = [...new Set(paths.map((path) => path[0]).filter((t): t is TokenType => !!t).map(expectedName))];
        return tokenError(actual) ?? `Parse error: '${names.join(' | ')}' expected,\n\tbut got ${got(actual)}`;
    }
}
