/**
 * drbdadm's global uniqueness table (check_uniq_file_line) for the keys post-parse adds:
 * minors, devices, disks and external meta-disks per host name. A conflict makes drbdadm exit
 * at once. The parser's own keys of the same kinds are seeded first.
 */
import type { Loc } from '../model.js';
import { E_CONFIG_INVALID, type DrbdadmLine, type Report } from './report.js';

/** Where a key was recorded: the construct, and the file:line drbdadm stored with it. */
export interface UniqSite {
    loc: Loc;
    at: DrbdadmLine;
}

export class UniqTable {
    private readonly seen = new Map<string, UniqSite>();

    constructor(private readonly report: Report) {}

    /** The same keys, reporting into another report (post-parse continues the parser's table). */
    continueWith(report: Report): UniqTable {
        const next = new UniqTable(report);
        for (const [k, v] of this.seen) next.seen.set(k, v);
        return next;
    }

    /** Records a key the parser already checked. */
    seed(key: string, site: UniqSite): void {
        if (!this.seen.has(key)) this.seen.set(key, site);
    }

    check(what: string, key: string, site: UniqSite): void {
        const first = this.seen.get(key);
        if (!first) {
            this.seen.set(key, site);
            return;
        }
        const code = `${what}/duplicate`;
        this.report.error(code,
            `conflicting use of ${what} '${key}' ...\n${first.at.file}:${first.at.line}: ${what} '${key}' first used here.`,
            site.loc, site.at);
        this.report.error(code, `${what} '${key}' first used here; also used at ${site.at.file}:${site.at.line}.`,
            first.loc, first.at);
        this.report.exit(E_CONFIG_INVALID);
    }
}
