import type { Loc } from '../../drbd/model.js';
import type { Recorded } from './recorded-report.js';

/**
 * A section whose text is the same, moved by whole lines: a line break typed or deleted above
 * it. What was built and recorded of it is moved with it, in place, instead of being built and
 * recorded again (that was most of what a line break in a large file cost). Only places inside
 * the section's old lines move: an inherited option keeps the common section's place.
 *
 * Places held in words cannot be moved: records with findings are not moved (`movable`), and
 * are recorded again.
 */
export class LineShift {
    /** Objects already visited: the post-parsed copy of a resource shares its locations. */
    private readonly seen = new Set<object>();

    /** `first` and `last` are the section's old 0-based lines. */
    constructor(private readonly file: string, private readonly first: number, private readonly last: number, readonly delta: number) {}

    /** Whether a record can be moved: its findings' messages may name lines. */
    static movable(recorded: Recorded): boolean {
        return recorded.diagnostics.length === 0;
    }

    /** Moves every location in a built (or post-parsed) resource, its lists and its parts. */
    model(value: unknown): void {
        if (typeof value !== 'object' || value === null || this.seen.has(value)) return;
        this.seen.add(value);
        if (Array.isArray(value)) {
            for (const item of value) this.model(item);
        } else if (isLoc(value)) {
            this.loc(value);
        } else {
            for (const key in value) this.model((value as Record<string, unknown>)[key]);
        }
    }

    /** Moves the places in a record's checks against the configuration's uniqueness table. */
    events(recorded: Recorded): void {
        for (const event of recorded.events) {
            if (!('uniq' in event)) continue;
            const check = event.uniq;
            if (typeof check[2] === 'object') this.model(check[2]);
            // The line drbdadm stored with the key: one of the section's (0 for some kinds). Its
            // file may be the main file, which drbdadm names with lines of the resource's file.
            if (check[4] !== undefined) check[4] = this.line(check[4]);
        }
    }

    private loc(loc: Loc): void {
        if (loc.file !== this.file || loc.startLine < this.first || loc.startLine > this.last) return;
        loc.line += this.delta;
        loc.startLine += this.delta;
        loc.endLine += this.delta;
    }

    /** A 1-based line: moved when it is one of the section's. */
    private line(line: number): number {
        return line - 1 >= this.first && line - 1 <= this.last ? line + this.delta : line;
    }
}

function isLoc(value: object): value is Loc {
    const v = value as Partial<Loc>;
    return typeof v.file === 'string' && typeof v.startLine === 'number' && typeof v.endChar === 'number';
}
