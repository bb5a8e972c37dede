/**
 * An option name the target release does not know in a section, but other known releases do:
 * drbdadm only says "expected ..."; we add which releases have it, for the editor's quick fix.
 */
import type { OtherReleaseData } from '../model.js';
import { atLeast, type ReleaseVersion } from '../release.js';
import { releasesWithOption, type OptionSection } from './field-tables.js';

const SECTION_WORDS: Readonly<Record<OptionSection, string>> = {
    net: 'net', disk: 'disk', 'peer-disk': 'disk', options: 'resource options', startup: 'startup',
    handlers: 'handlers', proxy: 'proxy', syncer: 'syncer',
};

export interface OtherRelease {
    message: string;
    data: OtherReleaseData;
}

/** Undefined when no known release has `name` in `section` either. */
export function otherReleaseHint(section: OptionSection, name: string, release: ReleaseVersion): OtherRelease | undefined {
    const releases = releasesWithOption(section, name);
    const since = releases[0];
    if (since === undefined) return undefined;
    const next = releases.find((r) => !atLeast(release, r));
    const when = next ? `since drbd-utils ${next}` : `up to drbd-utils ${releases.at(-1)}`;
    return {
        message: `\`${name}\` is a ${SECTION_WORDS[section]} option ${when}; this configuration is checked as ${release}`,
        data: { releases, since },
    };
}
