/**
 * The drbd-utils release a configuration is read as. drbdadm's rules (option tables, parser,
 * post-parse, the commands `up` runs) change between releases; every analysis names the release
 * whose drbdadm it re-enacts. The releases we know are those the option table was generated from.
 */
import metadata from './options/option-metadata.json' with { type: 'json' };

/** `X.Y.Z`, as `drbdadm --version` prints it in `DRBDADM_VERSION=`. */
export type ReleaseVersion = string;

/** Releases whose rules we know, oldest first. */
export const KNOWN_RELEASES: readonly ReleaseVersion[] = metadata.releases;

/** Debian 12's and Ubuntu 24.04's packaged release: the target when nothing says otherwise. */
export const DEFAULT_RELEASE: ReleaseVersion = '9.22.0';

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

export function isReleaseVersion(text: string): boolean {
    return VERSION.test(text);
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareReleases(a: ReleaseVersion, b: ReleaseVersion): number {
    return versionNumber(a) - versionNumber(b);
}

/** X.Y.Z as one number, in order (parts below 2^17): asked per resource and rule at every keystroke. */
const numbers = new Map<ReleaseVersion, number>();
function versionNumber(release: ReleaseVersion): number {
    let n = numbers.get(release);
    if (n === undefined) {
        const [, x, y, z] = VERSION.exec(release)!;
        numbers.set(release, (n = (Number(x) * 2 ** 17 + Number(y)) * 2 ** 17 + Number(z)));
    }
    return n;
}

/** `release` is `since` or newer: a rule that drbd-utils introduced in `since` applies. */
export function atLeast(release: ReleaseVersion, since: ReleaseVersion): boolean {
    return compareReleases(release, since) >= 0;
}

/** A row of a table that holds from `since` up to (not including) `until`. */
export interface ReleaseRange {
    since: ReleaseVersion;
    until?: ReleaseVersion;
}

export function inRange(release: ReleaseVersion, range: ReleaseRange): boolean {
    return atLeast(release, range.since) && (range.until === undefined || !atLeast(release, range.until));
}

export interface ResolvedRelease {
    /** The known release whose rules apply. */
    release: ReleaseVersion;
    /** Why it is not the one asked for (an unknown release read as the nearest older known one). */
    hint?: string;
}

/**
 * The known release to read a configuration as, for the release `requested` (a user's setting,
 * `--utils-version`, or a host's `drbdadm --version`): itself when known, else the newest known
 * release older than it (the oldest known one for anything older), with a hint saying so.
 * Undefined when `requested` is no `X.Y.Z`.
 */
export function resolveRelease(requested: string): ResolvedRelease | undefined {
    if (!isReleaseVersion(requested)) return undefined;
    if (KNOWN_RELEASES.includes(requested)) return { release: requested };
    const older = KNOWN_RELEASES.filter((r) => compareReleases(r, requested) < 0);
    const release = older.at(-1) ?? KNOWN_RELEASES[0]!;
    return {
        release,
        hint: `drbd-utils ${requested} is not one of the releases drbdconf knows (${KNOWN_RELEASES.join(', ')}); `
            + `the configuration is read as ${release}${older.length ? ', the nearest older one' : ', the oldest one'}`,
    };
}
