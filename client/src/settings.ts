/**
 * The settings that decide what "DRBD: Up" executes, resolved so that a workspace can never set
 * them: they are `machine`-scoped in package.json, and here only the user's (or the remote
 * machine's) value counts even if a workspace or folder value shows up anyway (older VS Code,
 * a hand-edited .code-workspace, a language-specific override).
 */
import type { SshSettings } from '../../common/src/remote/ssh.js';

/** What `WorkspaceConfiguration.inspect(key)` returns (the fields we read). */
export interface SettingInspection {
    defaultValue?: unknown;
    globalValue?: unknown;
    workspaceValue?: unknown;
    workspaceFolderValue?: unknown;
    defaultLanguageValue?: unknown;
    globalLanguageValue?: unknown;
    workspaceLanguageValue?: unknown;
    workspaceFolderLanguageValue?: unknown;
}

/** Inspects `drbd.KEY`. */
export type Inspect = (key: string) => SettingInspection | undefined;

export interface ResolvedSsh {
    settings: SshSettings;
    /** Values that were ignored, and why (shown once in the output channel). */
    warnings: string[];
    /** `drbd.remote.configPath`: where Apply puts the main file on the hosts (default /etc/drbd.conf). */
    remoteConfig?: string;
}

/** The keys under `drbd.` that make the extension run something. */
export const EXECUTION_SETTINGS = ['ssh.path', 'ssh.configFile', 'ssh.extraArgs', 'hosts', 'remote.configPath'] as const;
type ExecutionSetting = (typeof EXECUTION_SETTINGS)[number];

const LOCAL_SCOPES = ['workspaceValue', 'workspaceFolderValue', 'globalLanguageValue', 'workspaceLanguageValue', 'workspaceFolderLanguageValue'] as const;

/** `~/x` → HOME/x: ssh expands `~` in its config, but not in the -F argument or the binary path. */
function expandHome(path: string, home: string): string {
    return path === '~' ? home : path.startsWith('~/') ? `${home}/${path.slice(2)}` : path;
}

export function resolveSshSettings(inspect: Inspect, home: string): ResolvedSsh {
    const warnings: string[] = [];
    const userValue = (key: ExecutionSetting): unknown => {
        const i = inspect(key);
        if (!i) return undefined;
        for (const scope of LOCAL_SCOPES)
            if (i[scope] !== undefined)
                warnings.push(`drbd.${key} from the ${scopeName(scope)} settings is ignored: it decides what runs on your machine, so only your user settings may set it`);
        return i.globalValue;
    };
    const settings: SshSettings = {};
    const invalid = (key: ExecutionSetting, expected: string) => warnings.push(`drbd.${key} is ignored: expected ${expected}`);

    const path = userValue('ssh.path');
    if (typeof path === 'string' && path.trim() !== '') settings.sshPath = expandHome(path.trim(), home);
    else if (path !== undefined && path !== '') invalid('ssh.path', 'a path to the ssh program');

    const configFile = userValue('ssh.configFile');
    if (typeof configFile === 'string' && configFile.trim() !== '') settings.configFile = expandHome(configFile.trim(), home);
    else if (configFile !== undefined && configFile !== '') invalid('ssh.configFile', 'a path to an ssh config file');

    const extraArgs = userValue('ssh.extraArgs');
    if (Array.isArray(extraArgs) && extraArgs.every((a) => typeof a === 'string')) {
        if (extraArgs.length > 0) settings.extraArgs = extraArgs;
    } else if (extraArgs !== undefined) invalid('ssh.extraArgs', 'an array of strings');

    const hosts = userValue('hosts');
    if (isStringMap(hosts)) {
        if (Object.keys(hosts).length > 0) settings.hosts = { ...hosts };
    } else if (hosts !== undefined) invalid('hosts', 'an object mapping `on` names to ssh destinations');

    const configPath = userValue('remote.configPath');
    const remoteConfig = typeof configPath === 'string' && configPath.trim() !== '' ? configPath.trim() : undefined;
    if (!remoteConfig && configPath !== undefined && configPath !== '') invalid('remote.configPath', 'an absolute path on the hosts');

    return { settings, warnings, ...(remoteConfig ? { remoteConfig } : {}) };
}

function isStringMap(value: unknown): value is Record<string, string> {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

function scopeName(scope: (typeof LOCAL_SCOPES)[number]): string {
    switch (scope) {
        case 'workspaceValue':
            return 'workspace';
        case 'workspaceFolderValue':
            return 'folder';
        default:
            return 'language-specific';
    }
}

/** Why Up/Down may not run here, or undefined when they may. */
export function executionBlocked(workspaceTrusted: boolean): string | undefined {
    return workspaceTrusted
        ? undefined
        : 'DRBD: Up, Down and Apply run commands on your hosts, so they are disabled in an untrusted workspace. Trust this workspace first (Workspaces: Manage Workspace Trust).';
}
