/** package.json: what a workspace may not change, and what an untrusted workspace may not run. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { EXECUTION_SETTINGS } from '../../client/src/settings.js';

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
