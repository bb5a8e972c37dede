/**
 * drbdadm's global uniqueness table (check_uniq_file_line) for the keys post-parse adds:
 * minors, devices, disks and external meta-disks per host name. A conflict makes drbdadm exit
 * at once. The parser's own keys of the same kinds are seeded first.
 */
import type { Loc } from '../model.js';
import { E_CONFIG_INVALID, type Report } from './report.js';

/** Where a key was recorded: the construct, and the file:line drbdadm stored with it. */
interface UniqSite {
    loc: Loc;
    file: string;
    line: number;
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
    seed(key: string, loc: Loc, file: string, line: number): void {
        const keys = this.keys;
        if (!keys.has(key)) keys.set(key, { loc, file, line });
    }

    /** The key at `loc`, for which drbdadm stored `file:line` (one record only when it is new). */
    check(what: string, key: string, loc: Loc, file: string, line: number): void {
        const keys = this.keys;
        const first = keys.get(key);
        if (!first) {
            keys.set(key, { loc, file, line });
            return;
        }
        const code = `${what}/duplicate`;
        this.report.error(code,
            `conflicting use of ${what} '${key}' ...\n${first.file}:${first.line}: ${what} '${key}' first used here.`,
            loc, { file, line });
        this.report.error(code, `${what} '${key}' first used here; also used at ${file}:${line}.`,
            first.loc, { file: first.file, line: first.line });
        this.report.exit(E_CONFIG_INVALID);
    }
}
