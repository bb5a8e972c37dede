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
    private seen: Map<string, UniqSite> | undefined;

    constructor(private readonly report: Report, keys = new Map<string, UniqSite>()) {
        this.seen = keys;
    }

    /**
     * The same keys, reporting into another report (post-parse continues the parser's table).
     * The keys move, not a copy of them: this table must not be used afterwards.
     */
    continueWith(report: Report): UniqTable {
        const next = new UniqTable(report, this.keys);
        this.seen = undefined;
        return next;
    }

    private get keys(): Map<string, UniqSite> {
        if (!this.seen) throw new Error('UniqTable: its keys were handed over (continueWith)');
        return this.seen;
    }

    /** Records a key the parser already checked. */
    seed(key: string, site: UniqSite): void {
        const keys = this.keys;
        if (!keys.has(key)) keys.set(key, site);
    }

    check(what: string, key: string, site: UniqSite): void {
        const keys = this.keys;
        const first = keys.get(key);
        if (!first) {
            keys.set(key, site);
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
