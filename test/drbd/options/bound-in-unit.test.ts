import { describe, expect, it } from 'vitest';
import { boundInUnit, checkOption, findOption, optionNames, type OptionSection } from '../../../server/src/drbd/options/index.js';

const SECTIONS: OptionSection[] = ['net', 'disk', 'peer-disk', 'options'];
const RELEASE = '9.22.0';

/** checkOption follows drbdadm (differential.test.ts): the clamped value passes, one unit further does not. */
describe('a bound in the unit the value was written in', () => {
    it('is within the bound, and one more unit is not (every numeric option, every unit)', () => {
        let checked = 0;
        for (const section of SECTIONS) {
            for (const name of optionNames(section, RELEASE)) {
                const o = findOption(section, name, RELEASE);
                if (o?.type !== 'numeric' || o.implicitClamp || o.checkedInPostparse) continue;
                for (const suffix of ['', 'K', 'M', 'G', 's']) {
                    for (const [value, side] of [[`9999999999${suffix}`, 'max'], [`0${suffix}`, 'min']] as const) {
                        const before = checkOption(section, name, value, RELEASE);
                        if (before.bound !== side) continue;
                        const fixed = boundInUnit(value, o.unitPrefix ?? '1', o, side);
                        expect(checkOption(section, name, fixed, RELEASE).error, `${name} ${value} -> ${fixed}`).toBeUndefined();
                        const m = /^(\d+)(\D?)$/.exec(fixed)!;
                        if (m[2] !== suffix || (side === 'min' && m[1] === '0')) continue;
                        const further = `${BigInt(m[1]!) + (side === 'max' ? 1n : -1n)}${suffix}`;
                        expect(checkOption(section, name, further, RELEASE).bound, `${name} ${further}`).toBe(side);
                        checked++;
                    }
                }
            }
        }
        expect(checked).toBeGreaterThan(20);
    });

    it('keeps the unit: resync-rate 9G becomes 8G', () => {
        const o = findOption('peer-disk', 'resync-rate', RELEASE)!;
        expect(checkOption('peer-disk', 'resync-rate', '9G', RELEASE).bound).toBe('max');
        expect(boundInUnit('9G', o.unitPrefix!, o, 'max')).toBe('8G');
    });
});
