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

/**
 * Where a key was recorded: the construct, and the file:line drbdadm stored with it (the
 * construct's line when absent). `read`: the read of the configuration that last met it.
 */
export interface UniqSite {
    loc: LazyLoc;
    file: string;
    line?: number;
    read: number;
}

function resolve(site: UniqSite): { loc: Loc; at: { file: string; line: number } } {
    const loc = typeof site.loc === 'function' ? site.loc() : site.loc;
    return { loc, at: { file: site.file, line: site.line ?? loc.line } };
}

/**
 * The keys of a configuration, kept from one read of it to the next: a read replays tens of
 * thousands of recorded checks (the language server at every keystroke), and a table filled
 * again each time was most of what a keystroke allocated. A recorded check is its own site: met
 * again, it costs a lookup. A key is a first use when its site is not one this read has met yet,
 * so the table answers as one filled from empty in the read's order would.
 */
export class UniqKeys {
    readonly sites = new Map<string, UniqSite>();
    read = 0;

    /** Starts a read: the keys the last one did not meet are forgotten. */
    begin(): this {
        const read = this.read++;
        this.sites.forEach((site, key) => {
            if (site.read !== read) this.sites.delete(key);
        });
        return this;
    }
}

/** What reads and checks keys: a UniqTable, or a record of the checks (recorded-report.ts). */
export type UniqChecks = Pick<UniqTable, 'check' | 'checkSite'>;

export class UniqTable {
    private seen: UniqKeys | undefined;

    constructor(private readonly report: Report, keys = new UniqKeys().begin()) {
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

    private get keys(): UniqKeys {
        if (!this.seen) throw new Error('UniqTable: its keys were handed over (continueWith)');
        return this.seen;
    }

    /** Records a key the parser already checked. */
    seed(key: string, loc: Loc, file: string, line: number): void {
        const { sites, read } = this.keys;
        if (sites.get(key)?.read !== read) sites.set(key, { loc, file, line, read });
    }

    /**
     * The key at `loc`, of the kind `code` names, for which drbdadm stored `file:line` (the line of
     * `loc` when absent); one record only when the key is new.
     */
    check(code: DuplicateCode, key: string, loc: LazyLoc, file: string, line?: number): void {
        this.checkSite(code, key, { loc, file, line, read: -1 });
    }

    /** check, for a site kept from an earlier read (a recorded check). */
    checkSite(code: DuplicateCode, key: string, site: UniqSite): void {
        const { sites, read } = this.keys;
        const recorded = sites.get(key);
        // Not met yet in this read: gone since the last one, or after this site now.
        if (recorded?.read !== read) {
            if (recorded !== site) sites.set(key, site);
            site.read = read;
            return;
        }
        const first = resolve(recorded);
        const again = resolve(site);
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
