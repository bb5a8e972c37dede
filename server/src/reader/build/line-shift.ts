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
    /**
     * Locations already moved: the post-parsed copy of a resource shares most of them, and parts
     * of it are reached along more than one path (a host is also a connection's peer). A few
     * dozen: a list searched costs less than a set grown for each of thousands of resources.
     */
    private readonly moved: Loc[] = [];

    /** `first` and `last` are the section's old 0-based lines. */
    constructor(private readonly file: string, private readonly first: number, private readonly last: number, readonly delta: number) {}

    /** Whether a record can be moved: its findings' messages may name lines. */
    static movable(recorded: Recorded): boolean {
        return recorded.diagnostics.length === 0;
    }

    /**
     * Moves every location in a built (or post-parsed) resource, its lists and its parts. A model
     * has no cycles (a stacked resource's lower one is never kept: see PostParseCache); false when
     * the walk goes deeper than a model does, and the resource is to be built or run again.
     */
    model(value: unknown, depth = 0): boolean {
        if (typeof value !== 'object' || value === null) return true;
        if (depth > MAX_DEPTH) return false;
        if (Array.isArray(value)) {
            for (let i = 0; i < value.length; i++) if (!this.model(value[i], depth + 1)) return false;
        } else if (isLoc(value)) {
            this.loc(value);
        } else {
            for (const key in value) if (!this.model((value as Record<string, unknown>)[key], depth + 1)) return false;
        }
        return true;
    }

    /** Moves the places in a record's checks against the configuration's uniqueness table. */
    events(recorded: Recorded): void {
        for (const event of recorded.events) {
            if (!('key' in event)) continue;
            if (typeof event.loc === 'object') this.loc(event.loc);
            // The line drbdadm stored with the key: one of the section's (0 for some kinds, which
            // stays), in the file of the resource that checked it.
            if (event.line !== undefined) event.line = this.line(event.line);
        }
    }

    private loc(loc: Loc): void {
        if (loc.file !== this.file || loc.startLine < this.first || loc.startLine > this.last || this.moved.includes(loc)) return;
        this.moved.push(loc);
        loc.line += this.delta;
        loc.startLine += this.delta;
        loc.endLine += this.delta;
    }

    /** A 1-based line: moved when it is one of the section's. */
    private line(line: number): number {
        return line - 1 >= this.first && line - 1 <= this.last ? line + this.delta : line;
    }
}

/** Deeper than any model: resource, connection, path, endpoint, its host, a volume, an option list, an option, its location. */
const MAX_DEPTH = 24;

function isLoc(value: object): value is Loc {
    const v = value as Partial<Loc>;
    return typeof v.file === 'string' && typeof v.startLine === 'number' && typeof v.endChar === 'number';
}
