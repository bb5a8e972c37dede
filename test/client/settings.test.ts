import { describe, expect, test } from 'vitest';
import { EXECUTION_SETTINGS, executionBlocked, resolveSshSettings, type SettingInspection } from '../../client/src/settings.js';

const inspector = (values: Record<string, SettingInspection>) => (key: string) => values[key];

describe('resolveSshSettings', () => {
    test('user values are used, ~ is expanded, empty values mean the defaults', () => {
        const r = resolveSshSettings(
            inspector({
                'ssh.path': { defaultValue: '', globalValue: '~/bin/ssh' },
                'ssh.configFile': { defaultValue: '', globalValue: '' },
                'ssh.extraArgs': { defaultValue: [], globalValue: ['-o', 'ConnectTimeout=5'] },
                hosts: { defaultValue: {}, globalValue: { alpha: 'root@10.0.0.1' } },
            }),
            '/home/u',
        );
        expect(r).toEqual({ settings: { sshPath: '/home/u/bin/ssh', extraArgs: ['-o', 'ConnectTimeout=5'], hosts: { alpha: 'root@10.0.0.1' } }, warnings: [] });
    });

    test('nothing set: no settings, no warnings', () => {
        expect(resolveSshSettings(() => undefined, '/h')).toEqual({ settings: {}, warnings: [] });
    });

    test.each(EXECUTION_SETTINGS)('drbd.%s from a workspace, folder or language scope is ignored, with a warning', (key) => {
        const value = key === 'hosts' ? { alpha: 'evil' } : key === 'ssh.extraArgs' ? ['-oProxyCommand=touch /tmp/pwned'] : './evil';
        for (const scope of ['workspaceValue', 'workspaceFolderValue', 'workspaceLanguageValue', 'workspaceFolderLanguageValue', 'globalLanguageValue'] as const) {
            const r = resolveSshSettings(inspector({ [key]: { [scope]: value } }), '/h');
            expect(r.settings).toEqual({});
            expect(r.warnings).toHaveLength(1);
            expect(r.warnings[0]).toMatch(new RegExp(`^drbd\\.${key.replace('.', '\\.')} from the (workspace|folder|language-specific) settings is ignored`));
        }
    });

    test('the user value wins over (and is not mixed with) a workspace value', () => {
        const r = resolveSshSettings(inspector({ hosts: { globalValue: { a: 'a.example' }, workspaceValue: { b: 'evil' } } }), '/h');
        expect(r.settings).toEqual({ hosts: { a: 'a.example' } });
        expect(r.warnings).toHaveLength(1);
    });

    test('values of the wrong type are ignored with a warning', () => {
        const r = resolveSshSettings(
            inspector({
                'ssh.path': { globalValue: 42 },
                'ssh.configFile': { globalValue: ['x'] },
                'ssh.extraArgs': { globalValue: ['-v', 3] },
                hosts: { globalValue: { a: 1 } },
            }),
            '/h',
        );
        expect(r.settings).toEqual({});
        expect(r.warnings.map((w) => w.split(' ')[0])).toEqual(['drbd.ssh.path', 'drbd.ssh.configFile', 'drbd.ssh.extraArgs', 'drbd.hosts']);
    });
});

test('executionBlocked: only in an untrusted workspace', () => {
    expect(executionBlocked(true)).toBeUndefined();
    expect(executionBlocked(false)).toMatch(/disabled in an untrusted workspace/);
});
