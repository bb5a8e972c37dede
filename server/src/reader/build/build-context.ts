import type { Report } from '../../drbd/post-parse/report.js';
import type { ReleaseVersion } from '../../drbd/release.js';
import type { UniqChecks, UniqTable } from '../../drbd/post-parse/uniq.js';

/** What the builder carries while it walks the parsed files, like drbdadm_parser.c's globals. */
export interface BuildContext {
    report: Report;
    /** check_uniq: keys unique in the whole configuration (the resource build cache records the checks). */
    globalUniq: UniqChecks;
    /** check_upr: keys unique within the resource being read. */
    resourceUniq: UniqTable;
    /** The host drbdadm runs as; device-name checks only apply to its sections. */
    hostname?: string;
    /** The drbd-utils release whose parser is re-enacted. */
    release: ReleaseVersion;
    /** Absolute path of the file being read. */
    file: string;
}
