/** package.json: what a workspace may not change, what an untrusted workspace may not run, the drbd-utils release setting. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { EXECUTION_SETTINGS } from '../../client/src/settings.js';
import { DEFAULT_RELEASE, KNOWN_RELEASES } from '../../server/src/drbd/release.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const props = pkg.contributes.configuration.properties;

test('every setting that decides what runs is machine-scoped and restricted in untrusted workspaces', () => {
    const keys = EXECUTION_SETTINGS.map((k) => `drbd.${k}`);
    for (const k of keys) expect(props[k]?.scope, k).toBe('machine');
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual(keys);
    expect(props['drbd.trace.server'].scope).toBe('window');
});

test('Up and Down need a trusted workspace; the plan preview does not', () => {
    const cmd = (id: string) => pkg.contributes.commands.find((c: { command: string }) => c.command === id);
    expect(cmd('drbd.up')).toMatchObject({ title: 'Up', category: 'DRBD', enablement: 'isWorkspaceTrusted' });
    expect(cmd('drbd.down')).toMatchObject({ title: 'Down', category: 'DRBD', enablement: 'isWorkspaceTrusted' });
    expect(cmd('drbd.showPlan').enablement).toBeUndefined();
});

test('drbd.utilsVersion: auto or a known release (newest first), machine-overridable, not restricted', () => {
    const setting = props['drbd.utilsVersion'];
    expect(setting).toMatchObject({ type: 'string', default: 'auto', scope: 'machine-overridable' });
    expect(setting.enum).toEqual(['auto', ...[...KNOWN_RELEASES].reverse()]);
    expect(setting.markdownEnumDescriptions).toHaveLength(setting.enum.length);
    expect(setting.markdownEnumDescriptions[setting.enum.indexOf(DEFAULT_RELEASE)]).toContain('`auto` finds no `drbdadm`');
    // It decides what is checked, never what runs: an untrusted workspace may set it.
    expect(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations).not.toContain('drbd.utilsVersion');
});

test('DRBD: Choose drbd-utils Release is in the palette; the quick fix\'s drbd.setUtilsVersion is not', () => {
    const ids = pkg.contributes.commands.map((c: { command: string }) => c.command);
    expect(pkg.contributes.commands.find((c: { command: string }) => c.command === 'drbd.pickUtilsVersion')).toEqual({
        command: 'drbd.pickUtilsVersion', title: 'Choose drbd-utils Release', category: 'DRBD',
    });
    expect(ids).not.toContain('drbd.setUtilsVersion');
});
