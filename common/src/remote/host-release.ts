import { resolveRelease, type ResolvedRelease } from '../../../server/src/drbd/release.js';

/**
 * The known release a host's drbdadm is planned as (by the CLI and the language server, not in
 * the preflight, which the extension bundles without the release tables), from its `DRBDADM_VERSION` (`drbdadm --version`):
 * `X.Y.Z` itself or the nearest older known release (release.ts); a build with a suffix
 * (`9.29.0-rc.1`) as its `X.Y.Z`, with a hint saying so. Undefined when it names no `X.Y.Z`.
 */
export function releaseOfDrbdadm(version: string): ResolvedRelease | undefined {
    const base = /^\d+\.\d+\.\d+/.exec(version)?.[0];
    if (base === undefined) return undefined;
    const resolved = resolveRelease(base)!;
    if (base === version) return resolved;
    const read = `drbdadm ${version} is read as ${base}`;
    return { release: resolved.release, hint: resolved.hint ? `${read}; ${resolved.hint}` : read };
}
