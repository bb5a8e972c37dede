/**
 * Which drbd-utils release the CLI reads a configuration as: `--utils-version X.Y.Z`, else the
 * release of the drbdadm installed here, else the default (Debian's packaged 9.22.0).
 */
import { installedDrbdadmRelease, unnamedRelease } from '../drbd/installed-release.js';
import { resolveRelease, type ReleaseVersion } from '../drbd/release.js';
import { UsageError } from './config-input.js';

export interface TargetRelease {
    /** The known release whose rules apply. */
    release: ReleaseVersion;
    /** Where the choice came from, for reports: `--utils-version`, `drbdadm` (installed here) or `default`. */
    from: '--utils-version' | 'drbdadm' | 'default';
    /** The release asked for, when it is not a known one. */
    requested?: ReleaseVersion;
    hint?: string;
}

export function targetRelease(option: string | undefined, installed: () => ReleaseVersion | undefined = installedDrbdadmRelease): TargetRelease {
    if (option !== undefined) {
        const resolved = resolveRelease(option);
        if (!resolved) throw new UsageError(`--utils-version '${option}' is not a release number X.Y.Z (e.g. 9.22.0)`);
        return { ...resolved, from: '--utils-version', ...(resolved.hint ? { requested: option } : {}) };
    }
    return unnamedRelease(installed);
}
