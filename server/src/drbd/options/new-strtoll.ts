/**
 * drbd-utils' new_strtoll(): a decimal number read the way glibc's `sscanf("%llu%c%c")` reads it,
 * with one optional unit character, converted into the field's native scale. Everything is
 * unsigned 64-bit arithmetic, so `-1` wraps around and is later reported as "too big".
 */

/** Native scale of a field: plain number, KiB or 512-byte sectors. */
export type UnitPrefix = '1' | 'k' | 's';

export type StrtollResult = { ok: true; value: bigint } | { ok: false; error: 'missing' | 'invalid' | 'unit' | 'range' };

const U64 = (1n << 64n) - 1n;

const PREFIX_SHIFT: Record<UnitPrefix, number> = { '1': 0, k: -10, s: -9 };
const SUFFIX_SHIFT: Record<string, number> = { K: 10, k: 10, M: 20, m: 20, G: 30, g: 30, s: 9 };

/** What %llu reads: C isspace() in the "C" locale, a sign, digits. */
const UNSIGNED = /^[ \t\n\v\f\r]*([+-]?)(\d+)/;

/** glibc strtoull on the digits scanf collected: saturates at 2^64-1, negates modulo 2^64. */
function scanUnsigned(text: string): { value: bigint; rest: string } | undefined {
    const m = UNSIGNED.exec(text);
    if (!m) return undefined;
    const magnitude = BigInt(m[2]!);
    const rest = text.slice(m[0].length);
    if (magnitude > U64) return { value: U64, rest };
    return { value: m[1] === '-' ? (-magnitude) & U64 : magnitude, rest };
}

export function newStrtoll(text: string, prefix: UnitPrefix): StrtollResult {
    if (text === '') return { ok: false, error: 'missing' };
    const scanned = scanUnsigned(text);
    // sscanf converted nothing, or a second character follows the unit
    if (!scanned || Buffer.byteLength(scanned.rest) > 1) return { ok: false, error: 'invalid' };
    if (scanned.rest === '') return { ok: true, value: scanned.value };
    const suffix = SUFFIX_SHIFT[scanned.rest];
    if (suffix === undefined) return { ok: false, error: 'unit' };
    const shift = PREFIX_SHIFT[prefix] + suffix;
    if (shift < 0) {
        // a unit smaller than the native scale: divide, rounding up (the sum wraps like C's)
        const s = BigInt(-shift);
        return { ok: true, value: ((scanned.value + (1n << s) - 1n) & U64) >> s };
    }
    if (scanned.value > U64 >> BigInt(shift)) return { ok: false, error: 'range' };
    return { ok: true, value: scanned.value << BigInt(shift) };
}

/** C's conversion of an unsigned 64-bit value to `int` (low 32 bits, two's complement). */
export function toInt32(value: bigint): number {
    return Number(BigInt.asIntN(32, value));
}

/** The unit character `text` ends with, if new_strtoll takes it, and its shift to the native scale (2^shift). */
export function unitOf(text: string, prefix: UnitPrefix): { suffix: string; shift: number } | undefined {
    const suffix = text.at(-1);
    const shift = suffix === undefined ? undefined : SUFFIX_SHIFT[suffix];
    return shift === undefined || !/\d/.test(text.at(-2) ?? '') ? undefined : { suffix: suffix!, shift: PREFIX_SHIFT[prefix] + shift };
}
