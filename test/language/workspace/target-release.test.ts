/** chooseRelease: the setting drbd.utilsVersion and the installed drbdadm's release → the release to check as. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELEASE } from '../../../server/src/drbd/release.js';
import { chooseRelease } from '../../../server/src/language/workspace/target-release.js';

const none = () => undefined;
const drbdadm = (release: string) => () => release;
const unasked = () => {
    throw new Error('drbdadm must not be asked when the setting names a release');
};

describe('chooseRelease', () => {
    it('a known release in the setting is taken as it is; drbdadm is not asked', () => {
        expect(chooseRelease('9.28.0', unasked)).toEqual({ release: '9.28.0', from: 'setting' });
        expect(chooseRelease(' 9.15.0 ', unasked)).toEqual({ release: '9.15.0', from: 'setting' });
    });

    it('an unknown release in the setting: the nearest older known one, with the hint', () => {
        const choice = chooseRelease('9.22.5', unasked);
        expect(choice).toMatchObject({ release: '9.22.0', from: 'setting', requested: '9.22.5' });
        expect(choice.hint).toContain('the configuration is read as 9.22.0, the nearest older one');
        expect(chooseRelease('9.14.0', unasked)).toMatchObject({ release: '9.15.0', requested: '9.14.0', hint: expect.stringContaining('the oldest one') });
    });

    it('auto, unset or empty: the installed drbdadm, else the default release', () => {
        for (const setting of ['auto', undefined, null, '']) {
            expect(chooseRelease(setting, drbdadm('9.34.0'))).toEqual({ release: '9.34.0', from: 'drbdadm' });
            expect(chooseRelease(setting, none)).toEqual({ release: DEFAULT_RELEASE, from: 'default' });
        }
    });

    it('auto with a drbdadm newer than every known release: the newest known one, with the hint', () => {
        expect(chooseRelease('auto', drbdadm('9.40.0'))).toMatchObject({ release: '9.34.0', from: 'drbdadm', requested: '9.40.0', hint: expect.stringContaining('nearest older') });
    });

    it('a setting that is no release counts as auto, and says it is ignored', () => {
        expect(chooseRelease('latest', none)).toEqual({
            release: DEFAULT_RELEASE, from: 'default', requested: 'latest', hint: "drbd.utilsVersion 'latest' is neither 'auto' nor a release X.Y.Z: it is ignored",
        });
        expect(chooseRelease(9.28, drbdadm('9.28.0'))).toMatchObject({ release: '9.28.0', from: 'drbdadm', requested: '9.28', hint: expect.stringContaining('neither') });
        const both = chooseRelease('9.x', drbdadm('9.40.0'));
        expect(both).toMatchObject({ release: '9.34.0', from: 'drbdadm', requested: '9.x' });
        expect(both.hint).toMatch(/^drbd\.utilsVersion '9\.x' is neither .*; drbd-utils 9\.40\.0 is not one of the releases/);
    });
});
