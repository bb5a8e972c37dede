/**
 * The setting `drbd.utilsVersion` on the editor's side: what the status item says about the
 * release the language server checks as (its `drbd/release` notification), the choices of
 * **DRBD: Choose drbd-utils Release**, and where a choice is written. No VS Code API here
 * (utils-version-status.ts wires it).
 */
import type { ReleaseParams } from '../../common/src/protocol.js';
import type { SettingInspection } from './settings.js';

/** The key under `drbd.`. */
export const UTILS_VERSION = 'utilsVersion';

const RELEASE = /^\d+\.\d+\.\d+$/;

/**
 * The releases drbdconf knows, newest first, as the manifest lists them for the setting (the
 * server's table is not in the extension bundle; a test keeps the two equal).
 */
export function knownReleases(packageJSON: unknown): string[] {
    const manifest = packageJSON as { contributes?: { configuration?: { properties?: Record<string, { enum?: unknown[] }> } } } | undefined;
    const values = manifest?.contributes?.configuration?.properties?.[`drbd.${UTILS_VERSION}`]?.enum ?? [];
    return values.filter((v): v is string => typeof v === 'string' && RELEASE.test(v));
}

export interface ReleaseStatus {
    /** e.g. `drbd-utils 9.22.0` */
    text: string;
    /** Where the release came from, e.g. `from drbdadm on hw1`. */
    detail: string;
    /** The release is not the one asked for (the hint says why). */
    warning: boolean;
}

/** What the status item shows for the release in use. */
export function releaseStatus(p: ReleaseParams): ReleaseStatus {
    const text = `drbd-utils ${p.release}`;
    const source = p.from === 'setting' ? `from setting drbd.${UTILS_VERSION}`
        : p.from === 'drbdadm' ? `from drbdadm on ${p.host}`
        : `no drbdadm on ${p.host}: the default release`;
    if (p.requested === undefined) return { text, detail: source, warning: false };
    const detail = p.from === 'setting' ? `drbd.${UTILS_VERSION} ${p.requested} is not a release drbdconf knows: the nearest older one`
        : !RELEASE.test(p.requested) ? `drbd.${UTILS_VERSION} '${p.requested}' is ignored; ${source}`
        : `drbdadm on ${p.host} is ${p.requested}, which drbdconf does not know: the nearest older release`;
    return { text, detail, warning: true };
}

export interface ReleasePick {
    label: string;
    description?: string;
    /** What the setting becomes. */
    value: string;
}

/** `auto` first, then every known release newest first; the current setting and the release in use are marked. */
export function releasePicks(known: readonly string[], setting: unknown, inUse: ReleaseParams | undefined): ReleasePick[] {
    const current = typeof setting === 'string' && setting !== '' ? setting : 'auto';
    const mark = (value: string, text: string | undefined) => {
        const notes = [value === current ? 'current setting' : undefined, text].filter(Boolean);
        return notes.length ? notes.join(' · ') : undefined;
    };
    const autoNote = inUse && inUse.from !== 'setting' && inUse.requested === undefined
        ? (inUse.from === 'drbdadm' ? `drbdadm on ${inUse.host}: ${inUse.release}` : `no drbdadm on ${inUse.host}: ${inUse.release}`)
        : 'the drbdadm where the language server runs, else 9.22.0';
    const picks: ReleasePick[] = [{ label: 'auto', description: mark('auto', autoNote), value: 'auto' }];
    for (const release of known) {
        const note = release === known[0] ? 'newest known' : release === known.at(-1) ? 'oldest known' : undefined;
        picks.push({ label: release, description: mark(release, note), value: release });
    }
    return picks;
}

/**
 * Where a chosen release is written: the workspace settings when they set it (a user setting
 * would not take effect under them), else the user settings (for this `machine-overridable`
 * setting VS Code writes a remote window's choice to the remote machine's settings).
 */
export function settingTarget(inspection: SettingInspection | undefined): 'workspace' | 'user' {
    return inspection?.workspaceValue !== undefined ? 'workspace' : 'user';
}

/** The release a `drbd.setUtilsVersion` call names, if it is one drbdconf knows. */
export function releaseArgument(arg: unknown, known: readonly string[]): string | undefined {
    return typeof arg === 'string' && known.includes(arg) ? arg : undefined;
}

/** The message after the setting was written. */
export function settingWritten(value: string, target: 'workspace' | 'user'): string {
    return `DRBD: drbd.${UTILS_VERSION} is now ${value} (${target} settings).`;
}
