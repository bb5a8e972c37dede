/** The drbd-utils release on the editor's side: status texts, the quick pick's choices, where a choice is written. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KNOWN_RELEASES } from '../../server/src/drbd/release.js';
import type { ReleaseParams } from '../../common/src/protocol.js';
import { knownReleases, releaseArgument, releasePicks, releaseStatus, settingTarget, settingWritten } from '../../client/src/utils-version.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const known = knownReleases(pkg);
const at = (p: Partial<ReleaseParams>): ReleaseParams => ({ release: '9.22.0', from: 'drbdadm', host: 'hw1', ...p });

describe('releaseStatus', () => {
    it('names the release and where it came from', () => {
        expect(releaseStatus(at({}))).toEqual({ text: 'drbd-utils 9.22.0', detail: 'from drbdadm on hw1', warning: false });
        expect(releaseStatus(at({ release: '9.28.0', from: 'setting' }))).toEqual({ text: 'drbd-utils 9.28.0', detail: 'from setting drbd.utilsVersion', warning: false });
        expect(releaseStatus(at({ from: 'default' }))).toEqual({ text: 'drbd-utils 9.22.0', detail: 'no drbdadm on hw1: the default release', warning: false });
    });

    it('warns when the release is not the one asked for', () => {
        expect(releaseStatus(at({ release: '9.34.0', from: 'setting', requested: '9.35.1', hint: '…' }))).toEqual({
            text: 'drbd-utils 9.34.0', detail: 'drbd.utilsVersion 9.35.1 is not a release drbdconf knows: the nearest older one', warning: true,
        });
        expect(releaseStatus(at({ release: '9.34.0', requested: '9.40.0', hint: '…' })).detail).toBe('drbdadm on hw1 is 9.40.0, which drbdconf does not know: the nearest older release');
        expect(releaseStatus(at({ from: 'default', requested: 'latest', hint: '…' })).detail).toBe("drbd.utilsVersion 'latest' is ignored; no drbdadm on hw1: the default release");
    });
});

describe('the quick pick', () => {
    it('offers auto, then every known release newest first (the manifest lists the server\'s releases)', () => {
        expect(known).toEqual([...KNOWN_RELEASES].reverse());
        const picks = releasePicks(known, undefined, at({}));
        expect(picks.map((p) => p.value)).toEqual(['auto', ...known]);
        expect(picks[0]).toEqual({ label: 'auto', description: 'current setting · drbdadm on hw1: 9.22.0', value: 'auto' });
        expect(picks[1]).toEqual({ label: '9.34.0', description: 'newest known', value: '9.34.0' });
        expect(picks.at(-1)).toEqual({ label: '9.15.0', description: 'oldest known', value: '9.15.0' });
    });

    it('marks the current setting; auto says what it would pick only when it is in use', () => {
        const picks = releasePicks(known, '9.28.0', at({ release: '9.28.0', from: 'setting' }));
        expect(picks.find((p) => p.value === '9.28.0')?.description).toBe('current setting');
        expect(picks[0]!.description).toBe('the drbdadm where the language server runs, else 9.22.0');
        expect(releasePicks(known, 'auto', undefined)[0]!.description).toBe('current setting · the drbdadm where the language server runs, else 9.22.0');
    });
});

describe('writing the setting', () => {
    it('goes to the workspace settings when they set it, else to the user settings', () => {
        expect(settingTarget({ globalValue: '9.28.0' })).toBe('user');
        expect(settingTarget(undefined)).toBe('user');
        expect(settingTarget({ globalValue: '9.28.0', workspaceValue: '9.22.0' })).toBe('workspace');
        expect(settingWritten('9.26.0', 'user')).toBe('DRBD: drbd.utilsVersion is now 9.26.0 (user settings).');
    });

    it('the quick fix\'s command takes only a known release', () => {
        expect(releaseArgument('9.26.0', known)).toBe('9.26.0');
        for (const bad of ['9.99.0', 'auto', 9.26, undefined, ['9.26.0']]) expect(releaseArgument(bad, known)).toBeUndefined();
    });
});
