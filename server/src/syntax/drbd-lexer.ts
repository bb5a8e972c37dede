import type { IToken, TokenType, TokenTypeDictionary } from 'chevrotain';
import { AstUtils, GrammarAST, type LangiumCoreServices, type Lexer, type LexerResult } from 'langium';
import { detached } from './detached-string.js';
import { DrbdGrammar } from './generated/grammar.js';

/**
 * drbdadm's scanner (drbdadm_scanner.fl) re-enacted: at each position every rule is tried, the
 * longest match wins and a tie goes to the rule listed first, as flex does. Chevrotain instead takes
 * the first rule that matches, which cannot express "`1k` is a word but `1K` a number" or "a word
 * that happens to start like a keyword" without look-ahead tricks; so we scan ourselves and only
 * hand Chevrotain token instances of the grammar's token types.
 */

/**
 * The keywords of drbdadm (case-sensitive), any other word is a WORD: the grammar's words, which
 * are those of 9.22 plus `outside-address` (9.23) and `tiebreaker` (9.34), whose statements the
 * builder rejects for older releases.
 */
export const DRBD_KEYWORDS: ReadonlySet<string> = new Set(
    AstUtils.streamAllContents(DrbdGrammar()).filter(GrammarAST.isKeyword).map((k) => k.value).filter((word) => /^[a-z_]/.test(word)),
);

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

const charClass = (pattern: RegExp): Uint8Array => Uint8Array.from({ length: 128 }, (_, c) => (pattern.test(String.fromCharCode(c)) ? 1 : 0));
const WORD_CHAR = charClass(new RegExp(`^${WORD_CHARS}$`));
/** Characters that start no rule but WORD (and JUNK, which loses every tie): no digit, no hex letter. */
const WORD_ONLY_START = charClass(/^[g-zG-Z/._-]$/);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

interface Match {
    kind: Rule['kind'];
    length: number;
}

/** The flex rules tried one by one: for what the fast paths of shortMatch() leave. */
export function longestMatch(text: string, offset: number): Match {
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

const SHORT: Match = { kind: 'op', length: 0 };

function short(kind: Rule['kind'], length: number): Match {
    SHORT.kind = kind;
    SHORT.length = length;
    return SHORT;
}

/**
 * longestMatch()'s answer for the common tokens (braces, comments, plain words and numbers),
 * found without regular expressions; undefined for the rest. A run of word characters is a WORD
 * unless another rule can match at least as long: KMODVERS and IPV4 need a `.` after a digit,
 * INT is 1-8 digits and an optional unit, and IPV6 needs a `:` right after its first hex digits,
 * which can only be the character after the run (a `:` is no word character). The answer is one
 * object, which the next call reuses: read at once, it spares an object per token.
 */
export function shortMatch(text: string, offset: number): Match | undefined {
    const c = text.charCodeAt(offset);
    if (c === 0x7b || c === 0x7d || c === 0x3b || c === 0x5b || c === 0x5d) return short('op', 1);
    if (c === 0x23) {
        const end = text.indexOf('\n', offset);
        return short('comment', (end < 0 ? text.length : end) - offset);
    }
    if (c >= 128 || !WORD_CHAR[c]) return undefined;
    let end = offset + 1;
    while (end - offset <= MAX_WORD && end < text.length) {
        const d = text.charCodeAt(end);
        if (d >= 128 || !WORD_CHAR[d]) break;
        end++;
    }
    const length = end - offset;
    if (length > MAX_WORD) return undefined;
    if (WORD_ONLY_START[c]) return short('WORD', length);
    if (text.charCodeAt(end) === 0x3a) return undefined;
    if (!isDigit(c)) return short('WORD', length);
    let digits = 1;
    while (digits < length && isDigit(text.charCodeAt(offset + digits))) digits++;
    const unit = digits + 1 === length && 'MKGs'.includes(text[offset + digits]!);
    return digits <= 8 && (digits === length || unit) ? short('INT', length) : undefined;
}

/**
 * drbdadm's parse_skip as a token filter: after a `skip` where a statement starts (first, or after
 * `{`, `}` or `;`) it counts braces from 0 and ends at the `}` that brings the count back to 0. The
 * `{` that lifts the count from 0 to 1 opens the block; the braces before it (a `}` takes the count
 * below 0) and those nested in the block become SKIPPED_BRACE, so the parser needs no recursion
 * however deep they go.
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
            if (kind === 'WORD' && image === 'skip' && statementStart) {
                this.state = 'head';
                this.depth = 0;
            }
            return false;
        }
        if (kind !== 'op' || (image !== '{' && image !== '}')) return false;
        this.depth += image === '{' ? 1 : -1;
        if (this.state === 'head') {
            if (this.depth !== 1) return true;
            this.state = 'body';
            return false;
        }
        if (this.depth > 0) return true;
        this.state = 'none';
        return false;
    }
}

/** A token's class as the scanner cuts it: its flex rule, or a brace nested in a skip block. */
export type ScanKind = Rule['kind'] | 'SKIPPED_BRACE';

/**
 * Receives each token (comments too; blanks and newlines never) with its 1-based start line and
 * column and its end line and (inclusive) end column: Chevrotain's positions.
 */
export type TokenSink = (kind: ScanKind, image: string, offset: number, startLine: number, startColumn: number, endLine: number, endColumn: number) => void;

/** Whether the character at `at` ends a line as editors count them (a `\r` before a `\n` does not). */
export function endsLine(text: string, at: number): boolean {
    const c = text.charCodeAt(at);
    return c === 0x0a || (c === 0x0d && text.charCodeAt(at + 1) !== 0x0a);
}

/**
 * drbdadm's scanner over a whole text. Positions are counted as editors count lines: `\r\n`, `\r`
 * and `\n` each end one (drbdadm counts `\n` only, which differs in files with a bare `\r`;
 * ranges must be the editor's).
 */
export function scanDrbd(text: string, sink: TokenSink): void {
    const skip = new SkipBraces();
    let line = 1;
    let lineStart = 0;
    let offset = 0;
    while (offset < text.length) {
        // A blank or a newline is always a token of its own, and never one the parser sees.
        if (isBlank(text.charCodeAt(offset))) {
            if (endsLine(text, offset)) {
                line++;
                lineStart = offset + 1;
            }
            offset++;
            continue;
        }
        const { kind, length } = shortMatch(text, offset) ?? longestMatch(text, offset);
        const image = text.substring(offset, offset + length);
        const startLine = line;
        const startColumn = offset - lineStart + 1;
        const last = offset + length - 1;
        // Only strings and comments can hold a line end (a too long string ends with one).
        if (kind === 'DQSTRING' || kind === 'TOO_LONG' || kind === 'comment') {
            for (let at = offset; at < last; at++) {
                if (endsLine(text, at)) {
                    line++;
                    lineStart = at + 1;
                }
            }
        }
        sink(kind !== 'comment' && skip.nested(kind, image) ? 'SKIPPED_BRACE' : kind, image, offset, startLine, startColumn, line, last - lineStart + 1);
        if (endsLine(text, last)) {
            line++;
            lineStart = last + 1;
        }
        offset += length;
    }
}

/**
 * What Chevrotain's createTokenInstance() builds, built here (faster in profiles), as a class: an
 * object literal of the same fields shares its shape with Chevrotain's EOF token, whose positions
 * are NaN, and V8 then keeps the six numbers of every token boxed (a 5 000-resource file has
 * 400 000 tokens).
 */
class DrbdToken implements IToken {
    readonly tokenTypeIdx: number;

    constructor(
        readonly image: string, readonly startOffset: number, readonly endOffset: number, readonly startLine: number,
        readonly endLine: number, readonly startColumn: number, readonly endColumn: number, readonly tokenType: TokenType,
    ) {
        this.tokenTypeIdx = tokenType.tokenTypeIdx!;
    }
}

/** Only the grammar's token types are taken from Langium: its Chevrotain lexer would go unused. */
export class DrbdLexer implements Lexer {
    readonly definition: TokenTypeDictionary;
    private readonly keywords: ReadonlyMap<string, TokenType>;

    constructor(services: LangiumCoreServices) {
        const types = services.parser.TokenBuilder.buildTokens(services.Grammar, { caseInsensitive: services.LanguageMetaData.caseInsensitive }) as TokenType[];
        this.definition = Object.fromEntries(types.map((type) => [type.name, type]));
        this.keywords = new Map([...DRBD_KEYWORDS].map((word) => [word, this.definition[word]!]));
    }

    tokenize(text: string): LexerResult {
        const tokens: IToken[] = [];
        const hidden: IToken[] = [];
        scanDrbd(text, (kind, image, offset, startLine, startColumn, endLine, endColumn) => {
            const type = this.tokenTypeOf(kind, image);
            // A value in the AST is a token's image; a comment's image is never kept (its CST leaf
            // keeps where it is), and copying it would be work for nothing.
            const kept = kind === 'comment' ? image : detached(image);
            const token = new DrbdToken(kept, offset, offset + image.length - 1, startLine, endLine, startColumn, endColumn, type);
            (kind === 'comment' ? hidden : tokens).push(token);
        });
        return { tokens, hidden, errors: [] };
    }

    private tokenTypeOf(kind: ScanKind, image: string): TokenType {
        const types = this.definition;
        switch (kind) {
            case 'comment': return types['SL_COMMENT'];
            case 'op': return types[image];
            case 'WORD': return this.keywords.get(image) ?? types['WORD'];
            default: return types[kind];
        }
    }
}
