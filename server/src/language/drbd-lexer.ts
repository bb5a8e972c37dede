import { createTokenInstance, type IToken, type TokenType } from 'chevrotain';
import { DefaultLexer, type LexerResult } from 'langium';

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

/** One flex rule: what it matches and which token class it yields. */
interface Rule {
    pattern: RegExp;
    kind: 'newline' | 'comment' | 'space' | 'op' | 'KMODVERS' | 'IPV4' | 'IPV6' | 'INT' | 'DQSTRING' | 'WORD' | 'TOO_LONG' | 'JUNK';
}

const sticky = (source: string) => new RegExp(source, 'y');

/** In flex order; keywords sit between the operators and KMODVERS and are resolved from WORD. */
const RULES: Rule[] = [
    { pattern: sticky('\\n'), kind: 'newline' },
    { pattern: sticky('#[^\\n]*'), kind: 'comment' },
    { pattern: sticky('[ \\t\\r]'), kind: 'space' },
    { pattern: sticky('[{};\\[\\]:]'), kind: 'op' },
    { pattern: sticky('[0-9]+\\.[0-9]+\\.[0-9]+'), kind: 'KMODVERS' },
    { pattern: sticky(IPV4), kind: 'IPV4' },
    // flex's IPV6ADDR is an alternation; JS picks the first alternative that matches rather than
    // the longest, so each alternative is its own rule here.
    { pattern: sticky(`(?:(?:${HEX4}:){0,5}${HEX4})?:(?:${HEX4})?:(?:${HEX4}(?::${HEX4}){0,5})?(?:%${WORD_CHARS}{1,128})?`), kind: 'IPV6' },
    { pattern: sticky(`::[fF]{4}:${IPV4}`), kind: 'IPV6' },
    { pattern: sticky('[0-9]{1,8}[MKGs]?'), kind: 'INT' },
    { pattern: sticky(`"${DQ_CHAR}{0,255}"`), kind: 'DQSTRING' },
    { pattern: sticky(`${WORD_CHARS}{1,128}`), kind: 'WORD' },
    { pattern: sticky(`${WORD_CHARS}{129}`), kind: 'TOO_LONG' },
    { pattern: sticky(`"${DQ_CHAR}{255}[^\\n]`), kind: 'TOO_LONG' },
    { pattern: sticky(`"${DQ_CHAR}{0,255}[\\\\\\n]`), kind: 'TOO_LONG' },
    { pattern: sticky('[^]'), kind: 'JUNK' },
];

interface Match {
    kind: Rule['kind'];
    length: number;
}

function longestMatch(text: string, offset: number): Match {
    let best: Match = { kind: 'JUNK', length: 0 };
    for (const rule of RULES) {
        rule.pattern.lastIndex = offset;
        const m = rule.pattern.exec(text);
        if (m && m[0].length > best.length) {
            best = { kind: rule.kind, length: m[0].length };
        }
    }
    return best;
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

export class DrbdLexer extends DefaultLexer {
    override tokenize(text: string): LexerResult {
        const tokens: IToken[] = [];
        const hidden: IToken[] = [];
        const skip = new SkipBraces();
        let line = 1;
        let lineStart = 0;
        let offset = 0;
        while (offset < text.length) {
            const { kind, length } = longestMatch(text, offset);
            const image = text.substring(offset, offset + length);
            if (kind !== 'newline' && kind !== 'space') {
                const type = kind !== 'comment' && skip.nested(kind, image) ? this.definition['SKIPPED_BRACE'] : this.tokenTypeOf(kind, image);
                const column = offset - lineStart + 1;
                const token = createTokenInstance(type, image, offset, offset + length - 1, line, line, column, column + length - 1);
                (kind === 'comment' ? hidden : tokens).push(token);
            }
            // Only the newline rule and an unterminated string (which ends at one) span lines.
            if (image.endsWith('\n')) {
                line++;
                lineStart = offset + length;
            }
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
