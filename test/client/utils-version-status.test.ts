/**
 * The status item and the commands of the drbd-utils release, on a stub of the VS Code API that
 * records what they show and write.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const stub = vi.hoisted(() => {
    const state = {
        items: [] as Record<string, unknown>[],
        commands: new Map<string, (...args: unknown[]) => unknown>(),
        settings: { globalValue: undefined as unknown, workspaceValue: undefined as unknown },
        updates: [] as { key: string; value: unknown; target: string }[],
        messages: [] as string[],
        pick: undefined as ((items: { value: string }[]) => { value: string } | undefined) | undefined,
        picked: [] as { label: string; description?: string; value: string }[][],
    };
    const vscode = {
        languages: {
            createLanguageStatusItem: (id: string, selector: unknown) => {
                const item: Record<string, unknown> = { id, selector, dispose: () => undefined };
                state.items.push(item);
                return item;
            },
        },
        commands: {
            registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
                state.commands.set(id, run);
                return { dispose: () => state.commands.delete(id) };
            },
        },
        workspace: {
            getConfiguration: (section: string) => ({
                get: (key: string) => state.settings.workspaceValue ?? state.settings.globalValue ?? (section === 'drbd' && key === 'utilsVersion' ? 'auto' : undefined),
                inspect: () => ({ defaultValue: 'auto', ...state.settings }),
                update: async (key: string, value: unknown, target: string) => void state.updates.push({ key: `${section}.${key}`, value, target }),
            }),
        },
        window: {
            showQuickPick: async (items: { label: string; value: string }[]) => {
                state.picked.push(items);
                return state.pick?.(items);
            },
            showInformationMessage: async (text: string) => void state.messages.push(`info: ${text}`),
            showErrorMessage: async (text: string) => void state.messages.push(`error: ${text}`),
        },
        ConfigurationTarget: { Global: 'Global', Workspace: 'Workspace' },
        LanguageStatusSeverity: { Information: 'Information', Warning: 'Warning' },
    };
    return { state, vscode };
});

vi.mock('vscode', () => stub.vscode);

const { registerUtilsVersion } = await import('../../client/src/utils-version-status.js');

const logs: string[] = [];
const output = { info: (t: string) => logs.push(`info ${t}`), warn: (t: string) => logs.push(`warn ${t}`) };
const context = { extension: { packageJSON: pkg }, subscriptions: [] as unknown[] };

function register() {
    return registerUtilsVersion(context as never, output as never);
}

beforeEach(() => {
    Object.assign(stub.state, { items: [], updates: [], messages: [], picked: [], pick: undefined, settings: { globalValue: undefined, workspaceValue: undefined } });
    stub.state.commands.clear();
    logs.length = 0;
    context.subscriptions = [];
});

describe('the status item', () => {
    it('is busy for DRBD files until the server says which release, then shows it and where it came from', () => {
        const onRelease = register();
        const [item] = stub.state.items;
        expect(item).toMatchObject({ id: 'drbd.utilsVersion', selector: { language: 'drbd' }, busy: true, command: { command: 'drbd.pickUtilsVersion' } });
        onRelease({ release: '9.22.0', from: 'drbdadm', host: 'hw1' });
        expect(item).toMatchObject({ busy: false, text: 'drbd-utils 9.22.0', detail: 'from drbdadm on hw1', severity: 'Information' });
        onRelease({ release: '9.34.0', from: 'setting', host: 'hw1', requested: '9.35.1', hint: 'drbd-utils 9.35.1 is not one of the releases drbdconf knows' });
        expect(item).toMatchObject({ text: 'drbd-utils 9.34.0', severity: 'Warning' });
        expect(logs.at(-1)).toBe('warn drbd-utils 9.35.1 is not one of the releases drbdconf knows');
        expect(context.subscriptions).toContain(item);
    });
});

describe('DRBD: Choose drbd-utils Release', () => {
    it('offers auto and every release, and writes the choice to the user settings', async () => {
        register()({ release: '9.22.0', from: 'drbdadm', host: 'hw1' });
        stub.state.pick = (items) => items.find((i) => i.value === '9.28.0');
        await stub.state.commands.get('drbd.pickUtilsVersion')!();
        expect(stub.state.picked[0]!.map((i) => i.label).slice(0, 3)).toEqual(['auto', '9.34.0', '9.33.0']);
        expect(stub.state.updates).toEqual([{ key: 'drbd.utilsVersion', value: '9.28.0', target: 'Global' }]);
        expect(stub.state.messages).toEqual(['info: DRBD: drbd.utilsVersion is now 9.28.0 (user settings).']);
    });

    it('writes to the workspace settings when they set it; nothing when the pick is dismissed', async () => {
        register();
        stub.state.settings.workspaceValue = '9.22.0';
        stub.state.pick = (items) => items[0];
        await stub.state.commands.get('drbd.pickUtilsVersion')!();
        expect(stub.state.updates).toEqual([{ key: 'drbd.utilsVersion', value: 'auto', target: 'Workspace' }]);
        stub.state.pick = () => undefined;
        await stub.state.commands.get('drbd.pickUtilsVersion')!();
        expect(stub.state.updates).toHaveLength(1);
    });
});

describe('drbd.setUtilsVersion (the quick fix "Check as drbd-utils X")', () => {
    it('sets a known release; refuses anything else with an error', async () => {
        register();
        await stub.state.commands.get('drbd.setUtilsVersion')!('9.26.0');
        expect(stub.state.updates).toEqual([{ key: 'drbd.utilsVersion', value: '9.26.0', target: 'Global' }]);
        await stub.state.commands.get('drbd.setUtilsVersion')!('9.99.0');
        expect(stub.state.updates).toHaveLength(1);
        expect(stub.state.messages.at(-1)).toMatch(/^error: DRBD: "9\.99\.0" is not a drbd-utils release drbdconf knows/);
    });
});
