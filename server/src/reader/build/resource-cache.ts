import type { AstNode, CstNode } from 'langium';
import type { ResourceSection } from '../../syntax/generated/ast.js';
import type { Resource } from '../../drbd/model.js';
import type { ReleaseVersion } from '../../drbd/release.js';
import { UniqKeys, UniqTable } from '../../drbd/post-parse/uniq.js';
import type { BuildContext } from './build-context.js';
import { isDirect } from '../../syntax/direct-parser.js';
import { isAt, locOf } from './loc.js';
import { LineShift } from './line-shift.js';
import { trimLists } from './trim-lists.js';
import { PostParseCache } from './post-parse-cache.js';
import { record, replay, type Recorded } from './recorded-report.js';

interface Recording {
    file: string;
    hostname: string | undefined;
    release: ReleaseVersion;
    resource: Resource;
    recorded: Recorded;
}

interface Entry {
    /** The syntax tree the section was last read from: a re-parse of its file (even one keeping the section's node) moves its locations. */
    root: CstNode | undefined;
    recording: Recording;
}

/**
 * Built resources by their section's syntax node, for the language server: an edit re-parses
 * one file, and the configuration's other resources are not built again; what their building
 * reported is replayed and the resource built then is handed out again. Post-parse changes
 * resources: with this cache's resources it runs through `postParse`, which copies them (and
 * replays its own steps for the unchanged ones). Sections reading a template file are always
 * built: that file may have changed.
 *
 * A section whose file was re-parsed keeping its node (the incremental re-parse of a file being
 * edited) has the same text: it is replayed when it starts and ends where it did, and when an
 * edit above moved it by whole lines (a line break typed or deleted), what was recorded of it
 * and its post-parse is moved with it (LineShift). Other moves record it again.
 */
export class ResourceBuildCache {
    private readonly entries = new WeakMap<ResourceSection, Entry>();
    /** Sections built (not replayed) through this cache. */
    builds = 0;
    /** Of those, the ones recorded for replay. */
    recorded = 0;
    /** Sections moved by whole lines whose recording was moved with them. */
    moved = 0;
    /** Post-parse of the resources handed out here. */
    readonly postParse = new PostParseCache();
    /** The configuration's uniqueness keys, from one read to the next. */
    readonly uniqKeys = new UniqKeys();

    build(ctx: BuildContext, node: ResourceSection, build: (ctx: BuildContext, node: ResourceSection) => Resource): Resource {
        if (node.statements.some(readsTemplateFile)) return build(ctx, node);
        const root = node.$cstNode?.root;
        const entry = this.entries.get(node);
        let recording = entry?.recording;
        // A directly parsed section of an open document is kept by the re-parse with no tree of
        // its own: its place is checked at every build.
        if (entry && recording && (entry.root !== root || isDirect(node))) {
            // The same text (the re-parse kept the node): where it was, so are all its locations;
            // moved by whole lines, they move with it.
            if (isAt(node, recording.resource.loc) || this.moveByLines(node, recording)) entry.root = root;
            else recording = undefined;
        }
        if (!recording || recording.file !== ctx.file || recording.hostname !== ctx.hostname || recording.release !== ctx.release) {
            recording = recordBuild(ctx, node, build);
            this.entries.set(node, { root, recording });
            this.builds++;
            this.recorded++;
        }
        replay(recording.recorded, ctx.report, ctx.globalUniq);
        return recording.resource;
    }

    /** Moves a recording whose section moved by whole lines; false when it cannot be moved. */
    private moveByLines(node: ResourceSection, recording: Recording): boolean {
        const was = recording.resource.loc;
        const now = locOf(node, recording.file);
        const delta = now.startLine - was.startLine;
        if (now.startChar !== was.startChar || now.endChar !== was.endChar || now.endLine - was.endLine !== delta) return false;
        if (!LineShift.movable(recording.recorded)) return false;
        const shift = new LineShift(recording.file, was.startLine, was.endLine, delta);
        this.postParse.move(recording.resource, shift);
        if (!shift.model(recording.resource)) return false;
        shift.events(recording.recorded);
        this.moved++;
        return true;
    }
}

/** A statement reading a template file: a predicate made once (asked of every section at every keystroke). */
function readsTemplateFile(statement: AstNode): boolean {
    return statement.$type === 'TemplateFile';
}

/** Builds the resource against a report and uniqueness table of its own that note what happens. */
function recordBuild(ctx: BuildContext, node: ResourceSection, build: (ctx: BuildContext, node: ResourceSection) => Resource): Recording {
    const { value: resource, recorded } = record((report, globalUniq) => build({ ...ctx, report, globalUniq, resourceUniq: new UniqTable(report) }, node));
    trimLists(resource);
    return { file: ctx.file, hostname: ctx.hostname, release: ctx.release, resource, recorded };
}
