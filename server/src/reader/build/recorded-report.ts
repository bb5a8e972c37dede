import type { Diagnostic } from '../../drbd/model.js';
import { Report } from '../../drbd/post-parse/report.js';
import type { DuplicateCode } from '../../drbd/diagnostic-codes.js';
import type { LazyLoc, UniqChecks, UniqSite } from '../../drbd/post-parse/uniq.js';
import { exact } from '../../syntax/exact-list.js';
import { detached } from '../../syntax/detached-string.js';

/**
 * A check against a configuration-wide uniqueness table, after the first `at` findings: the
 * table keeps it as the key's site (UniqKeys). One object, its key detached: tens of thousands
 * of them are kept.
 */
export interface UniqEvent extends UniqSite {
    at: number;
    code: DuplicateCode;
    key: string;
}

/**
 * What one piece of work (building a resource section, a post-parse step of a resource) did that
 * reaches beyond it, in order: its findings, and between them its checks against the
 * configuration-wide uniqueness table and drbdadm's exits. An event happens once the first `at`
 * findings have been reported.
 */
export interface Recorded {
    diagnostics: Diagnostic[];
    events: Array<UniqEvent | { at: number; exit: number }>;
}

/** A report that notes drbdadm's exits among its findings, and whether the work asked if the configuration was valid before it. */
class RecordingReport extends Report {
    readonly events: Recorded['events'] = [];
    readValidity = false;

    constructor(private readonly validAtStart: boolean) {
        super(validAtStart);
    }

    override get valid(): boolean {
        // After an error of the work's own, the answer is `false` whatever it was before.
        if (this.errorCount === 0) this.readValidity = true;
        return super.valid;
    }

    /** config_valid when the work started. */
    startedValid(): boolean {
        this.readValidity = true;
        return this.validAtStart;
    }

    override exit(code: number): void {
        this.events.push({ at: this.diagnostics.length, exit: code });
        super.exit(code);
    }
}

/**
 * Runs `work` against a report and a uniqueness table of its own that note what happens: the
 * work's outcome then depends on nothing but its input and, when `readValidity`, on `valid`
 * (drbdadm's config_valid when it starts), and replaying the record into the configuration's
 * report and table has the effect running it there had.
 */
export function record<T>(work: (report: Report, uniq: UniqChecks, validAtStart: () => boolean) => T, valid = true): { value: T; recorded: Recorded; readValidity: boolean } {
    const report = new RecordingReport(valid);
    const check = (code: DuplicateCode, key: string, loc: LazyLoc, file: string, line?: number) => {
        report.events.push({ at: report.diagnostics.length, code, key: detached(key), loc, file, line, read: -1 });
    };
    const uniq: UniqChecks = { check, checkSite: (code, key, site) => check(code, key, site.loc, site.file, site.line) };
    const value = work(report, uniq, () => report.startedValid());
    const { diagnostics, events } = report;
    const recorded = diagnostics.length === 0 && events.length === 0 ? NOTHING : { diagnostics: diagnostics.length === 0 ? NONE : exact(diagnostics), events: exact(events) };
    return { value, recorded, readValidity: report.readValidity };
}

/**
 * What most pieces of work record: one shared record (thousands are kept, a few for each
 * resource), and one shared empty list of findings for those that only checked keys.
 */
const NONE = Object.freeze([]) as unknown as Diagnostic[];
export const NOTHING: Recorded = Object.freeze({ diagnostics: NONE, events: Object.freeze([]) as unknown as Recorded['events'] });

export function replay(recorded: Recorded, report: Report, uniq: UniqChecks): void {
    const { diagnostics, events } = recorded;
    let next = 0;
    // Indexed: thousands of records are replayed at every keystroke, and their iterators were garbage.
    for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        while (next < event.at) report.adopt(diagnostics[next++]);
        if ('exit' in event) report.exit(event.exit);
        else uniq.checkSite(event.code, event.key, event);
    }
    while (next < diagnostics.length) report.adopt(diagnostics[next++]);
}
