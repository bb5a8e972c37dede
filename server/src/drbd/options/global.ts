/**
 * Number ranges drbdadm checks outside the option tables (range_check / m_strtoll_range: port,
 * node-id, global numbers) and the `global {}` statements (parse_global).
 */
import type { ReleaseVersion } from '../release.js';
import { newStrtoll } from './new-strtoll.js';
import { expected, expectedToken } from './parse-errors.js';
import { RANGES } from './not-exported.js';
import { TK_INTEGER, tokenNumber } from './scanner-token.js';

export type RangeCheck = keyof typeof RANGES;

/**
 * P6 for an INTEGER token: `NAME VALUE => N out of range [MIN..MAX].` (all these scales are
 * plain numbers, so no unit is printed), or undefined when in range. The value itself is
 * passed on verbatim (`1K` is a valid port).
 */
export function checkRange(what: RangeCheck, value: string): string | undefined {
    const [min, max] = RANGES[what];
    const n = newStrtoll(value, '1');
    // m_strtoll's own complaints; unreachable for INTEGER tokens
    if (!n.ok) return n.error === 'range' ? `${value}: out of range` : `${value} is not a valid number`;
    if (n.value < BigInt(min) || n.value > BigInt(max)) {
        return `${what} ${value} => ${n.value} out of range [${min}..${max}].`;
    }
    return undefined;
}

export interface GlobalCheck {
    error?: string;
    fatal?: boolean;
}

const NO_VALUE = new Set(['disable-ip-verification', 'udev-always-use-vnr']);
const NUMBERS: ReadonlySet<string> = new Set(['minor-count', 'dialog-refresh', 'cmd-timeout-short', 'cmd-timeout-medium', 'cmd-timeout-long']);
const USAGE_COUNT = new Set(['yes', 'no', 'ask']);

/** A statement parse_global() knows (the others fail on their first word). */
export function isGlobalKey(name: string): boolean {
    return NO_VALUE.has(name) || NUMBERS.has(name) || name === 'usage-count';
}

/**
 * Checks one `global {}` statement `name [value];` as parse_global does. The words are keyword
 * tokens, so `valueTk` (the value's token number in `release`) decides; it is guessed from the text when absent.
 */
export function checkGlobalOption(name: string, value: string | undefined, release: ReleaseVersion, valueTk?: number): GlobalCheck {
    const tk = value === undefined ? ';'.charCodeAt(0) : (valueTk ?? tokenNumber(value, release));
    const got = value ?? ';';
    if (NO_VALUE.has(name)) {
        return value === undefined ? {} : { error: expectedToken(';', got, tk), fatal: true };
    }
    if (name === 'usage-count') {
        return value !== undefined && USAGE_COUNT.has(value) && tk === tokenNumber(value, release)
            ? {}
            : { error: expected('yes | no | ask', got), fatal: true };
    }
    if (NUMBERS.has(name)) {
        if (tk !== TK_INTEGER) return { error: expectedToken('TK_INTEGER', got, tk), fatal: true };
        const error = checkRange(name as RangeCheck, got);
        return error ? { error } : {};
    }
    return { error: expected('dialog-refresh | minor-count | disable-ip-verification', name), fatal: true };
}
