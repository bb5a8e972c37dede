import { expectedToken } from '../drbd/options/parse-errors.js';
import { findOption } from '../drbd/options/index.js';
import { DEFAULT_RELEASE } from '../drbd/release.js';
import { PLUGIN_LINE_UNTERMINATED, PLUGIN_WITHOUT_BRACE } from '../syntax/drbd-parser-errors.js';
import { gotText, tokenFrom } from './drbdadm-tokens.js';

/**
 * drbdadm_parser.c __parse_options() with proxy_delegate(), re-enacted on the tokens of a proxy's
 * option section (a resource's `proxy {}`, the `options {}` of `proxy on`) from after its `{`: a
 * proxy option takes one token as its value, then `;`; any other token names a plugin list, which
 * must open with `{`; a list's lines end with `;`, and a `}` on an empty line ends the list. The
 * first error drbdadm meets before the section ends, if any (the parser may have read the same
 * tokens otherwise: `plugin {` as an option whose value is `{`, a list's `}` as the section's).
 * The plugin errors name drbdadm's fline, `braceLine`.
 */
export function proxyDelegateError(text: string, afterBrace: number, braceLine: number): { message: string; line: number } | undefined {
    let at = afterBrace;
    const next = () => {
        const token = tokenFrom(text, at);
        at = token.end;
        return token;
    };
    let inList = false;
    let emptyLine = true;
    // each round reads a token; the end of the input ends the walk
    for (let token = next(); token.tk !== 0; token = next()) {
        if (inList) {
            if (token.image === ';') emptyLine = true;
            else if (token.image !== '}') emptyLine = false;
            else if (emptyLine) inList = false;
            else return { message: PLUGIN_LINE_UNTERMINATED, line: braceLine };
        } else if (token.image === '}') {
            return undefined;
        } else if (findOption('proxy', gotText(token.image), DEFAULT_RELEASE)) {
            // parse_option_value(): `;` alone, or a value (its check is not fatal) and EXP(';')
            if (next().image === ';') continue;
            const semi = next();
            if (semi.tk === 0) return undefined;
            if (semi.image !== ';') return { message: expectedToken(';', gotText(semi.image), semi.tk), line: semi.line };
        } else if (next().image === '{') {
            inList = true;
            emptyLine = true;
        } else {
            return { message: PLUGIN_WITHOUT_BRACE, line: braceLine };
        }
    }
    return undefined;
}
