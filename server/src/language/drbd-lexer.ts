import type { IToken, TokenType, TokenTypeDictionary } from 'chevrotain';
import type { LangiumCoreServices, Lexer, LexerResult } from 'langium';

/**
 * drbdadm's scanner (drbdadm_scanner.fl) re-enacted: at each position every rule is tried, the
 * longest match wins and a tie goes to the rule listed first, as flex does. Chevrotain instead takes
 * the first rule that matches, which cannot express "`1k` is a word but `1K` a number" or "a word
 * that happens to start like a keyword" without look-ahead tricks; so we scan ourselves and only
 * hand Chevrotain token instances of the grammar's token types.
 */

/** The keywords of drbdadm 9.22 (case-sensitive). Any other word is a WORD. */
export const DRBD_KEYWORDS: ReadonlySet<string> = new Set([
    'on', 'stacked-on-top-of', 'floating', 'no', 'net', 'yes', 'ask', 'via', 'skip',
    'require-drbd-module-version-eq', 'require-drbd-module-version-ne', 'require-drbd-module-version-gt',
    'require-drbd-module-version-ge', 'require-drbd-module-version-lt', 'require-drbd-module-version-le',
    'disk', 'host', 'hosts', 'port', 'proxy', 'minor', 'inside', 'volume', 'cmd-timeout-short',
    'cmd-timeout-medium', 'cmd-timeout-long', 'syncer', 'device', 'global', 'common', 'options', 'outside',
    'address', 'startup', 'include', 'handlers', 'connection', 'connection-mesh', 'minor-count',
    'disable-ip-verification', 'udev-always-use-vnr', 'dialog-refresh', 'resource', 'meta-disk',
    'flexible-meta-disk', 'node-id', 'usage-count', '_this_host', '_remote_host', '_peer_node_id',
    '_is_standalone', 'template-file', 'path', 'sci', 'ssocks', 'sdp', 'ipv4', 'ipv6',
]);

const HEX4 = '[0-9a-fA-F]{1,4}';
const IPV4 = '(?:[0-9]{1,3}\\.){3}[0-9]{1,3}';
const WORD_CHARS = '[a-zA-Z0-9/._-]';
const DQ_CHAR = '(?:[^"\\\\\\n]|\\\\[^\\n])';
const MAX_WORD = 128;

/** One flex rule: what it matches, the characters a match can start with, and its token class. */
interface Rule {
    pattern: RegExp;
    first: RegExp;
    kind: 'newline' | 'comment' | 'space' | 'op' | 'KMODVERS' | 'IPV4' | 'IPV6' | 'INT' | 'DQSTRING' | 'WORD' | 'TOO_LONG' | 'JUNK';
}

const rule = (source: string, first: string, kind: Rule['kind']): Rule => ({ pattern: new RegExp(source, 'y'), first: new RegExp(`^${first}`), kind });

/** In flex order; keywords sit between the operators and KMODVERS and are resolved from WORD. */
const RULES: Rule[] = [
    rule('\\n', '\\n', 'newline'),
    rule('#[^\\n]*', '#', 'comment'),
    rule('[ \\t\\r]', '[ \\t\\r]', 'space'),
    rule('[{};\\[\\]:]', '[{};\\[\\]:]', 'op'),
    rule('[0-9]+\\.[0-9]+\\.[0-9]+', '[0-9]', 'KMODVERS'),
    rule(IPV4, '[0-9]', 'IPV4'),
    // flex's IPV6ADDR is an alternation; JS picks the first alternative that matches rather than
    // the longest, so each alternative is its own rule here.
    rule(`(?:(?:${HEX4}:){0,5}${HEX4})?:(?:${HEX4})?:(?:${HEX4}(?::${HEX4}){0,5})?(?:%${WORD_CHARS}{1,128})?`, '[0-9a-fA-F:]', 'IPV6'),
    rule(`::[fF]{4}:${IPV4}`, ':', 'IPV6'),
    rule('[0-9]{1,8}[MKGs]?', '[0-9]', 'INT'),
    rule(`"${DQ_CHAR}{0,255}"`, '"', 'DQSTRING'),
    // A WORD of 1-128 characters, and flex's TOO_LONG rule for 129 (next in flex order, so no
    // rule can tie between them): one pattern, told apart by length, spares a second scan per word.
    rule(`${WORD_CHARS}{1,${MAX_WORD + 1}}`, WORD_CHARS, 'WORD'),
    rule(`"${DQ_CHAR}{255}[^\\n]`, '"', 'TOO_LONG'),
    rule(`"${DQ_CHAR}{0,255}[\\\\\\n]`, '"', 'TOO_LONG'),
    rule('[^]', '[^]', 'JUNK'),
];

/**
 * The rules that can match at a character, in flex order: trying only these finds the same
 * longest match as trying all. Every character from 128 up starts the same rules (JUNK only).
 */
const CANDIDATES: Rule[][] = Array.from({ length: 129 }, (_, c) => RULES.filter((r) => r.first.test(String.fromCharCode(c))));

/** Space, tab, carriage return, newline: the characters of the `space` and `newline` rules. */
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

interface Match {
    kind: Rule['kind'];
    length: number;
}

function longestMatch(text: string, offset: number): Match {
    let kind: Rule['kind'] = 'JUNK';
    let length = 0;
    for (const r of CANDIDATES[Math.min(text.charCodeAt(offset), 128)]) {
        // JUNK, always last, matches one character: any match so far wins the tie.
        if (r.kind === 'JUNK' && length > 0) break;
        r.pattern.lastIndex = offset;
        if (r.pattern.test(text) && r.pattern.lastIndex - offset > length) {
            kind = r.kind;
            length = r.pattern.lastIndex - offset;
        }
    }
    return { kind: kind === 'WORD' && length > MAX_WORD ? 'TOO_LONG' : kind, length };
}

/**
 * drbdadm's parse_skip as a token filter: a `skip` where a statement starts (first, or after `{`,
 * `}` or `;`) opens at its first `{` a block that ends at the matching `}`; the braces nested in it
 * become SKIPPED_BRACE, so the parser needs no recursion however deep they go.
 */
class SkipBraces {
    private state: 'none' | 'head' | 'body' = 'none';
    private depth = 0;
    private previous: string | undefined;

    /** Whether this significant token is a brace nested in a skip block. */
    nested(kind: Rule['kind'], image: string): boolean {
        const statementStart = this.previous === undefined || this.previous === '{' || this.previous === '}' || this.previous === ';';
        this.previous = kind === 'op' ? image : kind;
        if (this.state === 'none') {
            if (kind === 'WORD' && image === 'skip' && statementStart) this.state = 'head';
            return false;
        }
        if (kind !== 'op' || (image !== '{' && image !== '}')) return false;
        if (this.state === 'head') {
            this.state = image === '{' ? 'body' : 'none';
            this.depth = 1;
            return false;
        }
        this.depth += image === '{' ? 1 : -1;
        if (this.depth > 0) return true;
        this.state = 'none';
        return false;
    }
}

/**
 * Token positions as editors count lines: `\r\n`, `\r` and `\n` each end one (drbdadm counts `\n`
 * only, which differs in files with a bare `\r`; ranges must be the editor's).
 */
class Lines {
    private readonly starts = [0];
    private current = 0;

    constructor(text: string) {
        for (const m of text.matchAll(/\r\n?|\n/g)) this.starts.push(m.index! + m[0].length);
    }

    /** 1-based line and column of an offset; offsets must not go backwards between calls. */
    at(offset: number): { line: number; column: number } {
        while (this.current + 1 < this.starts.length && this.starts[this.current + 1] <= offset) this.current++;
        return { line: this.current + 1, column: offset - this.starts[this.current] + 1 };
    }
}

/** Only the grammar's token types are taken from Langium: its Chevrotain lexer would go unused. */
export class DrbdLexer implements Lexer {
    readonly definition: TokenTypeDictionary;

    constructor(services: LangiumCoreServices) {
        const types = services.parser.TokenBuilder.buildTokens(services.Grammar, { caseInsensitive: services.LanguageMetaData.caseInsensitive }) as TokenType[];
        this.definition = Object.fromEntries(types.map((type) => [type.name, type]));
    }

    tokenize(text: string): LexerResult {
        const tokens: IToken[] = [];
        const hidden: IToken[] = [];
        const skip = new SkipBraces();
        const lines = new Lines(text);
        let offset = 0;
        while (offset < text.length) {
            // A blank or a newline is always a token of its own, and never one the parser sees.
            if (isBlank(text.charCodeAt(offset))) {
                offset++;
                continue;
            }
            const { kind, length } = longestMatch(text, offset);
            const image = text.substring(offset, offset + length);
            const type = kind !== 'comment' && skip.nested(kind, image) ? this.definition['SKIPPED_BRACE'] : this.tokenTypeOf(kind, image);
            const start = lines.at(offset);
            const end = lines.at(offset + length - 1);
            // The object Chevrotain's createTokenInstance() builds, built here: faster in profiles.
            const token: IToken = {
                image, startOffset: offset, endOffset: offset + length - 1, startLine: start.line, endLine: end.line,
                startColumn: start.column, endColumn: end.column, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type,
            };
            (kind === 'comment' ? hidden : tokens).push(token);
            offset += length;
        }
        return { tokens, hidden, errors: [] };
    }

    private tokenTypeOf(kind: Rule['kind'], image: string): TokenType {
        const types = this.definition;
        switch (kind) {
            case 'comment': return types['SL_COMMENT'];
            case 'op': return types[image];
            case 'WORD': return DRBD_KEYWORDS.has(image) ? types[image] : types['WORD'];
            default: return types[kind];
        }
    }
}
