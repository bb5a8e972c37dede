import type { CstNode } from 'langium';
import type { ResourceSection } from '../../syntax/generated/ast.js';
import type { Connection, Diagnostic, HnameAddress, HostInfo, Loc, Path, ProxyInfo, Resource } from '../../drbd/model.js';
import { Report } from '../../drbd/post-parse/report.js';
import type { ReleaseVersion } from '../../drbd/release.js';
import type { DuplicateCode } from '../../drbd/diagnostic-codes.js';
import { UniqTable, type LazyLoc } from '../../drbd/post-parse/uniq.js';
import type { BuildContext } from './build-context.js';
import { locOf } from './loc.js';

/**
 * What building one resource section did that reaches beyond it, in order: its findings, and
 * between them the checks against the configuration-wide uniqueness table and drbdadm's exits.
 * A step happens once the first `at` findings have been reported.
 */
type Step =
    | { at: number; uniq: [code: DuplicateCode, key: string, loc: LazyLoc, file: string, line?: number] }
    | { at: number; exit: number };

interface Recording {
    file: string;
    hostname: string | undefined;
    release: ReleaseVersion;
    resource: Resource;
    diagnostics: Diagnostic[];
    steps: Step[];
}

interface Entry {
    /** The syntax tree the section was last read from: a re-parse of its file (even one keeping the section's node) moves its locations. */
    root: CstNode | undefined;
    recording: Recording;
}

/**
 * Built resources by their section's syntax node, for the language server: an edit re-parses
 * one file, and the configuration's other resources are not built again; what their building
 * reported is replayed and a copy of the resource (post-parse changes it) is handed out.
 * Sections reading a template file are always built: that file may have changed.
 *
 * A section whose file was re-parsed keeping its node (the incremental re-parse of a file being
 * edited) is replayed when it starts and ends where it did; one the edit moved (a line added or
 * removed above it) is recorded again at once: a person typing adds a line, then goes on typing
 * in it, and every keystroke after the first replays the sections below it.
 */
export class ResourceBuildCache {
    private readonly entries = new WeakMap<ResourceSection, Entry>();
    /** Sections built (not replayed) through this cache. */
    builds = 0;
    /** Of those, the ones recorded for replay. */
    recorded = 0;

    build(ctx: BuildContext, node: ResourceSection, build: (ctx: BuildContext) => Resource): Resource {
        if (node.statements.some((s) => s.$type === 'TemplateFile')) return build(ctx);
        const root = node.$cstNode?.root;
        const entry = this.entries.get(node);
        let recording = entry?.recording;
        if (entry && recording && entry.root !== root) {
            // Moved in the tree, not in the text (an edit elsewhere that kept the line count):
            // its text is the same, so are all its locations.
            if (sameRange(recording.resource.loc, locOf(node, ctx.file))) entry.root = root;
            else recording = undefined;
        }
        if (!recording || recording.file !== ctx.file || recording.hostname !== ctx.hostname || recording.release !== ctx.release) {
            recording = record(ctx, build);
            this.entries.set(node, { root, recording });
            this.builds++;
            this.recorded++;
        }
        replay(recording, ctx);
        return copyOf(recording.resource);
    }
}

function sameRange(a: Loc, b: Loc): boolean {
    return a.startLine === b.startLine && a.startChar === b.startChar && a.endLine === b.endLine && a.endChar === b.endChar;
}

/** Builds the resource against a report and uniqueness table of its own that note what happens. */
function record(ctx: BuildContext, build: (ctx: BuildContext) => Resource): Recording {
    const steps: Step[] = [];
    const report = new (class extends Report {
        override exit(code: number): void {
            steps.push({ at: this.diagnostics.length, exit: code });
            super.exit(code);
        }
    })();
    const globalUniq = {
        check: (...uniq: [DuplicateCode, string, LazyLoc, string, number?]) => {
            steps.push({ at: report.diagnostics.length, uniq });
        },
    };
    const resource = build({ ...ctx, report, globalUniq, resourceUniq: new UniqTable(report) });
    return { file: ctx.file, hostname: ctx.hostname, release: ctx.release, resource, diagnostics: report.diagnostics, steps };
}

function replay(recording: Recording, ctx: BuildContext): void {
    const { diagnostics, steps } = recording;
    let next = 0;
    for (const step of steps) {
        while (next < step.at) ctx.report.adopt(diagnostics[next++]);
        if ('exit' in step) ctx.report.exit(step.exit);
        else ctx.globalUniq.check(...step.uniq);
    }
    while (next < diagnostics.length) ctx.report.adopt(diagnostics[next++]);
}

/*
 * Copies of a built resource, as deep as post-parse changes things: it sets fields of nearly
 * every object and adds to the lists of volumes, hosts, connections and endpoints. Option lists
 * it replaces rather than changes, and locations it never changes: the copies share them. A
 * built resource shares no object between two places, which the copies need not keep either.
 * Copied property by property: a spread's copies get shapes of their own, on which post-parse
 * ran half as fast again.
 */
function shallow<T extends object>(o: T): T {
    const copy = {} as T;
    for (const key in o) copy[key] = o[key];
    return copy;
}

function proxy(p: ProxyInfo): ProxyInfo {
    const c = shallow(p);
    c.onHosts = [...p.onHosts];
    c.inside = shallow(p.inside);
    c.outside = shallow(p.outside);
    return c;
}

function host(h: HostInfo): HostInfo {
    const c = shallow(h);
    c.onHosts = [...h.onHosts];
    c.volumes = h.volumes.map(shallow);
    c.address = shallow(h.address);
    if (h.proxyCompatOnly) c.proxyCompatOnly = proxy(h.proxyCompatOnly);
    return c;
}

function endpoint(e: HnameAddress): HnameAddress {
    const c = shallow(e);
    c.address = shallow(e.address);
    if (e.proxy) c.proxy = proxy(e.proxy);
    return c;
}

function path(p: Path): Path {
    const c = shallow(p);
    c.hnameAddresses = p.hnameAddresses.map(endpoint);
    return c;
}

function connection(k: Connection): Connection {
    const c = shallow(k);
    c.paths = k.paths.map(path);
    c.peerDevices = k.peerDevices.map(shallow);
    return c;
}

function copyOf(r: Resource): Resource {
    const c = shallow(r);
    c.volumes = r.volumes.map(shallow);
    c.connections = r.connections.map(connection);
    c.allHosts = r.allHosts.map(host);
    c.meshes = [...r.meshes];
    return c;
}
