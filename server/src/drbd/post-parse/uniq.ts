/**
 * drbdadm's global uniqueness table (check_uniq_file_line) for the keys post-parse adds:
 * minors, devices, disks and external meta-disks per host name. A conflict makes drbdadm exit
 * at once. The parser's own keys of the same kinds are seeded first.
 */
import { DUPLICATE_WHAT, type DuplicateCode } from '../diagnostic-codes.js';
import type { Loc } from '../model.js';
import { E_CONFIG_INVALID, type Report } from './report.js';

/** A location, or how to get it: most keys are never reported, and locations cost a CST walk. */
export type LazyLoc = Loc | (() => Loc);

/** Where a key was recorded: the construct, and the file:line drbdadm stored with it (the construct's line when absent). */
interface UniqSite {
    loc: LazyLoc;
    file: string;
    line?: number;
}

function resolve(site: UniqSite): { loc: Loc; at: { file: string; line: number } } {
    const loc = typeof site.loc === 'function' ? site.loc() : site.loc;
    return { loc, at: { file: site.file, line: site.line ?? loc.line } };
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

    /**
     * The key at `loc`, of the kind `code` names, for which drbdadm stored `file:line` (the line of
     * `loc` when absent); one record only when the key is new.
     */
    check(code: DuplicateCode, key: string, loc: LazyLoc, file: string, line?: number): void {
        const keys = this.keys;
        const recorded = keys.get(key);
        if (!recorded) {
            keys.set(key, { loc, file, line });
            return;
        }
        const first = resolve(recorded);
        const again = resolve({ loc, file, line });
        const what = DUPLICATE_WHAT[code];
        this.report.error(code,
            `conflicting use of ${what} '${key}' ...\n${first.at.file}:${first.at.line}: ${what} '${key}' first used here.`,
            again.loc, again.at, { use: 'again' });
        // The first use gets a twin for the editor; drbdadm prints only the line above.
        const twin = this.report.diagnostics.length;
        this.report.error(code, `${what} '${key}' first used here; also used at ${again.at.file}:${again.at.line}.`,
            first.loc, first.at, { use: 'first' });
        for (const d of this.report.diagnostics.slice(twin)) d.editorOnly = true;
        this.report.exit(E_CONFIG_INVALID);
    }
}
