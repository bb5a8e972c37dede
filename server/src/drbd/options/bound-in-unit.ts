import { unitOf, type UnitPrefix } from './new-strtoll.js';

/**
 * A numeric option's bound `side` of `range`, written in the unit the user wrote `value` in (`9G`
 * beyond 8388608 KiB gives `8G`): the whole number of that unit nearest to the bound inside the
 * range, which is the bound itself when the unit divides it. A plain number when `value` has no
 * unit or no whole number of its unit is inside the range. `range[side]` must be set.
 */
export function boundInUnit(value: string, prefix: UnitPrefix, range: { min?: bigint; max?: bigint }, side: 'min' | 'max'): string {
    const bound = range[side]!;
    const unit = unitOf(value, prefix);
    if (!unit || bound < 0n) return String(bound);
    const s = BigInt(Math.abs(unit.shift));
    let n: bigint;
    let native: bigint;
    if (unit.shift >= 0) {
        const size = 1n << s;
        n = side === 'max' ? bound / size : (bound + size - 1n) / size;
        native = n << s;
    } else {
        // A unit finer than the native scale: new_strtoll rounds n of them up to ceil(n / 2^-shift).
        n = side === 'max' ? bound << s : bound === 0n ? 0n : ((bound - 1n) << s) + 1n;
        native = (n + (1n << s) - 1n) >> s;
    }
    const inside = (range.min === undefined || native >= range.min) && (range.max === undefined || native <= range.max);
    return inside ? `${n}${unit.suffix}` : String(bound);
}
