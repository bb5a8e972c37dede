/**
 * What drbdadm does with one `NAME [VALUE];` statement inside an option section while
 * parsing (__parse_options, parse_option_value, the section delegates, parse_options_syncer and
 * the field classes' check functions): accept it, reject the value (P4, config invalid) or stop
 * with a parse error (P5, fatal).
 */
import { atLeast, type ReleaseVersion } from '../release.js';
import { findOption, type OptionInfo, type OptionSection, stripNo, syncerAlias, tableNames } from './field-tables.js';
import { newStrtoll, toInt32 } from './new-strtoll.js';
import { badValue, expected, expectedToken } from './parse-errors.js';
import { tokenNumber } from './scanner-token.js';

export interface OptionCheck {
    /** Option name as drbdadm stores it (`no-` prefix and syncer alias resolved). */
    name: string;
    /** Value as drbdadm passes it on: verbatim, or `yes`/`no` for an omitted value. */
    value: string;
    /** drbdadm's message without `FILE:LINE: ` (may span lines). */
    error?: string;
    /** A parse error that stops drbdadm at once; otherwise the config is only marked invalid. */
    fatal?: boolean;
    /** The bound a numeric value is beyond (with `error`). */
    bound?: 'min' | 'max';
    /** The table entry; absent for unknown names and startup's `become-primary-on`/`stacked-timeouts`. */
    info?: OptionInfo;
}

type Reason = 'not valid' | "not 'yes' or 'no'" | 'not a number' | 'too small' | 'too big' | 'too long';

function checkNumeric(o: OptionInfo, value: string): Reason | undefined {
    const n = newStrtoll(value, o.unitPrefix ?? '1');
    if (!n.ok) return 'not a number';
    if (o.implicitClamp) return undefined;
    // C compares as unsigned 64-bit: a negative min would wrap (only resync-after has one, unchecked)
    if (o.min !== undefined && n.value < BigInt.asUintN(64, o.min)) return 'too small';
    if (o.max !== undefined && n.value > o.max) return 'too big';
    return undefined;
}

function checkNumericOrSymbol(o: OptionInfo, value: string): Reason | undefined {
    if (o.symbols?.includes(value)) return undefined;
    const n = newStrtoll(value, '1');
    if (!n.ok) return 'not valid';
    // the number lands in a C int before the range check
    const i = toInt32(n.value);
    if (i < Number(o.min)) return 'too small';
    if (i > Number(o.max)) return 'too big';
    return undefined;
}

function sameEnum(o: OptionInfo, a: string, b: string): boolean {
    // strcasecmp folds ASCII letters only
    const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    return o.caseInsensitive ? fold(a) === fold(b) : a === b;
}

const BOUND: Partial<Record<Reason, 'min' | 'max'>> = { 'too small': 'min', 'too big': 'max' };

/** A numeric value's P4 message and the bound it is beyond. */
function numericError(o: OptionInfo, value: string, r: Reason | undefined): Pick<OptionCheck, 'error' | 'bound'> | undefined {
    return r && { error: badValue(value, o.name, r), ...(BOUND[r] && { bound: BOUND[r] }) };
}

/** The P4 message for a present value, or undefined when the value passes. */
function valueError(o: OptionInfo, value: string): Pick<OptionCheck, 'error' | 'bound'> | undefined {
    switch (o.type) {
        case 'numeric':
            return numericError(o, value, checkNumeric(o, value));
        case 'numeric-or-symbol':
            return numericError(o, value, checkNumericOrSymbol(o, value));
        case 'boolean':
            return value === 'yes' || value === 'no' ? undefined : { error: badValue(value, o.name, "not 'yes' or 'no'") };
        case 'handler':
            return o.values!.some((v) => sameEnum(o, value, v))
                ? undefined
                : { error: badValue(value, o.name, 'not valid', `Allowed values are: ${o.values!.join(' | ')}`) };
        case 'string':
            return o.maxLen !== undefined && Buffer.byteLength(value, 'utf8') > o.maxLen
                ? { error: badValue(value, o.name, 'too long', `max len: ${o.maxLen}`) }
                : undefined;
    }
}

/** The fatal error for a name the section's table does not know (its delegate's behaviour). */
function unknownName(section: OptionSection, rawName: string, release: ReleaseVersion): string {
    switch (section) {
        case 'net':
            // discard-my-data is only tolerated when re-reading `drbdsetup show` output
            return expected('an option keyword', rawName);
        case 'disk':
        case 'peer-disk':
            return expected(tableNames('peer-disk', release).join(' | '), rawName);
        case 'options':
        case 'handlers':
            return expected(tableNames(section, release).join(' | '), rawName);
        case 'startup':
            return expected('<an option keyword> | become-primary-on | stacked-timeouts', rawName);
        case 'proxy':
            // any other word opens a plugin list and must be followed by "{"
            return 'expected "{" after "proxy" keyword';
        case 'syncer':
            return expected('a syncer option keyword', rawName);
    }
}

/** startup {} words that are not options: handled by startup_delegate. */
function startupWord(rawName: string, value: string | undefined, release: ReleaseVersion, valueTk?: number): OptionCheck | undefined {
    if (rawName === 'become-primary-on') return { name: rawName, value: value ?? '' };
    if (rawName !== 'stacked-timeouts') return undefined;
    if (value === undefined) return { name: rawName, value: '' };
    return {
        name: rawName,
        value,
        error: expectedToken(';', value, valueTk ?? tokenNumber(value, release)),
        fatal: true,
    };
}

/**
 * The section a statement of a resource's (or common's) `disk {}` is checked as: drbdadm_parser.c
 * insert_pd_options_delegate() reads `fencing` there as the net option since 9.29.0 (8.4
 * configs); the exact word only, not `no-fencing`.
 */
export function resourceDiskSection(rawName: string, section: OptionSection, release: ReleaseVersion): OptionSection {
    return section === 'disk' && rawName === 'fencing' && atLeast(release, '9.29.0') && !findOption(section, rawName, release)
        ? 'net'
        : section;
}

/**
 * Checks `rawName value;` (value undefined for `rawName;`) in `section` as drbdadm `release` does at
 * parse time. `value` is the token's text as drbdadm's scanner leaves it (double-quoted strings
 * unescaped, quotes removed); `valueTk` its token number, only needed for the few messages that
 * print it (guessed from the text when absent).
 */
export function checkOption(
    section: OptionSection,
    rawName: string,
    value: string | undefined,
    release: ReleaseVersion,
    valueTk?: number,
): OptionCheck {
    const o = findOption(section, rawName, release);
    if (!o) {
        const special = section === 'startup' ? startupWord(rawName, value, release, valueTk) : undefined;
        return special ?? { name: rawName, value: value ?? '', error: unknownName(section, rawName, release), fatal: true };
    }
    const { noPrefix } = stripNo(section === 'syncer' ? syncerAlias(rawName) : rawName);
    if (value === undefined) return { name: o.name, value: noPrefix ? 'no' : 'yes', info: o };
    const error = o.checkedInPostparse ? undefined : valueError(o, value);
    return error ? { name: o.name, value, ...error, info: o } : { name: o.name, value, info: o };
}
