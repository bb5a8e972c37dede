import { describe, expect, it } from 'vitest';
import { findOption, optionNames, type OptionSection, userOptionNames, valueDoc } from '../../../server/src/drbd/options/index.js';
import { KNOWN_RELEASES } from '../../../server/src/drbd/release.js';

const SECTIONS: OptionSection[] = ['net', 'disk', 'peer-disk', 'options', 'startup', 'handlers', 'proxy', 'syncer'];

describe('option values and names for the editor', () => {
    it('every enum value and symbol of every option in every known release says what it means', () => {
        const missing = new Set<string>();
        for (const release of KNOWN_RELEASES) {
            for (const section of SECTIONS) {
                for (const name of optionNames(section, release)) {
                    // startup's become-primary-on and stacked-timeouts are words, not options
                    const o = findOption(section, name, release);
                    for (const v of o?.values ?? o?.symbols ?? []) if (!valueDoc(o!.name, v)) missing.add(`${o!.name} ${v}`);
                }
            }
        }
        expect([...missing]).toEqual([]);
    });

    it("leaves drbdadm's internal options out of the names a configuration writes", () => {
        for (const release of KNOWN_RELEASES) {
            for (const section of SECTIONS) {
                const names = userOptionNames(section, release);
                expect(names.filter((n) => n.startsWith('_'))).toEqual([]);
                expect(names).toEqual(optionNames(section, release).filter((n) => !n.startsWith('_')));
            }
        }
        expect(optionNames('net', '9.22.0')).toContain('_name');
    });
});
