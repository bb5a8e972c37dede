/**
 * Secrets in plans and in what hosts print: `shared-secret` values must not reach an output
 * channel, a log, a terminal or an error message. Masking works on argv (exact) and on text
 * (patterns for the forms drbdadm, drbdsetup and config files write, plus the known values in
 * each quoting they get: drbdadm -d escapes, the ssh command's single quotes, JSON).
 */
import { dryRunLine } from '../../../server/src/drbd/up/shell-escape.js';
import { posixQuote } from './quote.js';

export const MASK = '********';

/** drbdsetup options and config keywords whose value is a secret. */
const SECRET_OPTIONS = ['shared-secret'];

/** Known values shorter than this are masked only where a pattern finds them (else "a" would mask every a). */
const MIN_FREE_MATCH = 4;

function secretOption(word: string): { prefix: string; value: string } | undefined {
    for (const name of SECRET_OPTIONS) {
        const prefix = `--${name}=`;
        if (word.startsWith(prefix)) return { prefix, value: word.slice(prefix.length) };
    }
    return undefined;
}

/** The secret values in these command lines. */
export function secretsOf(argvs: Iterable<readonly string[]>): string[] {
    const values = new Set<string>();
    for (const argv of argvs)
        for (const word of argv) {
            const s = secretOption(word);
            if (s && s.value) values.add(s.value);
        }
    return [...values];
}

/** A command as `drbdadm -d` prints it (dry-run.ts), with each secret option's value masked. */
export function formatMasked(argv: readonly string[]): string {
    return argv
        .map((word) => {
            const s = secretOption(word);
            return s ? dryRunLine([s.prefix]) + MASK : dryRunLine([word]);
        })
        .join(' ');
}

const names = SECRET_OPTIONS.join('|');
/** `--shared-secret=VALUE` as drbdadm -d prints it (backslash escapes) or `--shared-secret VALUE`. */
const OPTION_FORM = new RegExp(`(--(?:${names})[= ])(?:\\\\.|[^\\s\\\\'])+`, 'g');
/** `shared-secret "VALUE";` / `shared-secret VALUE;` as in a config file or `drbdadm dump`. */
const CONFIG_FORM = new RegExp(`(^|[\\s{;])((?:${names})\\s+)("(?:[^"\\\\\\n]|\\\\.)*"?|[^\\s;]+)`, 'g');

/** `text` with every secret it contains masked: known `values`, and whatever follows a secret's name. */
export function maskText(text: string, values: readonly string[] = []): string {
    let out = text;
    for (const v of [...values].sort((a, b) => b.length - a.length)) {
        if (v.length < MIN_FREE_MATCH) continue;
        for (const form of new Set([v, dryRunLine([v]), posixQuote(v).slice(1, -1), JSON.stringify(v).slice(1, -1)])) out = out.split(form).join(MASK);
    }
    return out.replace(OPTION_FORM, `$1${MASK}`).replace(CONFIG_FORM, (_m, lead: string, key: string, value: string) => `${lead}${key}${value.startsWith('"') ? `"${MASK}"` : MASK}`);
}
