import { spawnSync } from 'node:child_process';
import { DEFAULT_RELEASE, isReleaseVersion, resolveRelease, type ReleaseVersion } from './release.js';

/** The release in `drbdadm --version` output (`DRBDADM_VERSION=9.22.0`), if it says one. */
export function releaseOfVersionOutput(output: string): ReleaseVersion | undefined {
    const version = /^DRBDADM_VERSION=(\S+)$/m.exec(output)?.[1];
    return version && isReleaseVersion(version) ? version : undefined;
}

/**
 * The release of the `drbdadm` on this machine's PATH (and in the sbin directories, where
 * Debian installs it); undefined where there is none. Under VS Code's Remote-SSH this is the
 * DRBD host's own drbdadm.
 */
export function installedDrbdadmRelease(env: NodeJS.ProcessEnv = process.env): ReleaseVersion | undefined {
    const path = [env.PATH ?? '', '/usr/sbin', '/sbin'].filter(Boolean).join(':');
    const result = spawnSync('drbdadm', ['--version'], { encoding: 'utf8', env: { ...env, PATH: path }, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 });
    return result.status === 0 ? releaseOfVersionOutput(result.stdout) : undefined;
}

/** The release to read as when none is named (the CLI without `--utils-version`, the editor's `auto`). */
export interface UnnamedRelease {
    release: ReleaseVersion;
    from: 'drbdadm' | 'default';
    /** The installed drbdadm's release, when it is not a known one. */
    requested?: ReleaseVersion;
    hint?: string;
}

/** The installed drbdadm's release (an unknown one read as the nearest older known one), else DEFAULT_RELEASE. */
export function unnamedRelease(installed: () => ReleaseVersion | undefined = installedDrbdadmRelease): UnnamedRelease {
    const local = installed();
    const resolved = local === undefined ? undefined : resolveRelease(local);
    if (!resolved) return { release: DEFAULT_RELEASE, from: 'default' };
    return { ...resolved, from: 'drbdadm', ...(resolved.hint ? { requested: local } : {}) };
}
