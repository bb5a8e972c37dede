import { unitOf, type UnitPrefix } from './new-strtoll.js';

/**
 * A numeric option's bound written in the unit the user wrote `value` in (`9G` beyond 8388608
 * KiB gives `8G`): the whole number of that unit nearest to the bound on the allowed side, which
 * is the bound itself when the unit divides it. A plain number when `value` has no unit or no
 * whole number of its unit is within the bound.
 */
export function boundInUnit(value: string, prefix: UnitPrefix, bound: bigint, side: 'min' | 'max'): string {
    const unit = unitOf(value, prefix);
    if (!unit || bound < 0n) return String(bound);
    let n: bigint;
    if (unit.shift >= 0) {
        const size = 1n << BigInt(unit.shift);
        n = side === 'max' ? bound / size : (bound + size - 1n) / size;
    } else {
        // A unit finer than the native scale: new_strtoll rounds n of them up to ceil(n / 2^-shift).
        const s = BigInt(-unit.shift);
        n = side === 'max' ? bound << s : bound === 0n ? 0n : ((bound - 1n) << s) + 1n;
    }
    return side === 'max' && n === 0n ? String(bound) : `${n}${unit.suffix}`;
}
