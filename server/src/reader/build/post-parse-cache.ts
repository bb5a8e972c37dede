import type { Connection, HnameAddress, HostInfo, Path, ProxyInfo, Resource } from '../../drbd/model.js';
import type { PostParseContext } from '../../drbd/post-parse/context.js';
import type { DrbdadmLine } from '../../drbd/post-parse/report.js';
import { RUN_EVERY_STEP, type ResourceStep, type ResourceSteps } from '../../drbd/post-parse/resource-steps.js';
import { NOTHING, record, replay, type Recorded } from './recorded-report.js';
import { exact } from '../../syntax/exact-list.js';
import { trimLists } from './trim-lists.js';
import { LineShift } from './line-shift.js';

interface StepRecord {
    name: string;
    /** drbdadm's config_valid when the step started, where the step looked at it. */
    valid: boolean | undefined;
    recorded: Recorded;
}

/** The record of a step that did nothing beyond its resource: one for each step, shared by all resources. */
const NOTHING_DONE = new Map<string, StepRecord>();

function nothingDone(name: string): StepRecord {
    let step = NOTHING_DONE.get(name);
    if (!step) {
        step = Object.freeze({ name, valid: undefined, recorded: NOTHING });
        NOTHING_DONE.set(name, step);
    }
    return step;
}

interface Entry {
    /** What the steps read besides the resource (see contextKey). */
    key: string;
    /**
     * The main file's end, when a step read it (messages before 9.28 point there). Not part of
     * the key: a line added to the main file moves its end, and only the few resources whose
     * messages name it are run again.
     */
    mainEnd?: { read: DrbdadmLine | undefined };
    /**
     * The built resource's copy, as its steps left it. Validation after the steps replaces an
     * option list of the resource object itself (resync-after before 9.24): every run gets that
     * object anew, the parts shared.
     */
    resource: Resource;
    steps: StepRecord[];
}

/**
 * Thrown by a replay that does not come out as recorded: a resource's steps met another state of
 * drbdadm (an error before them, a uniqueness conflict). That resource's record is dropped, and
 * analyzeConfig starts again.
 */
export class ReplayMismatch extends Error {
    constructor(resource: string) {
        super(`post-parse of resource ${resource} does not replay as recorded`);
    }
}

/**
 * Post-parse of the resources ResourceBuildCache hands out, for the language server: an edit
 * builds one resource again, and post-parse then runs the steps of that one resource; the others'
 * steps are replayed (their findings, uniqueness checks and exits) and their post-parsed copy from
 * the last run is used again, as long as what the steps read besides the resource is the same
 * (contextKey) and the replay takes the steps the recording did. With a stacked resource (its steps
 * read other resources) and in `command` mode (validation changes resources afterwards) every
 * step runs, on copies.
 */
export class PostParseCache {
    /** By the built resource the entry's resource is a copy of. */
    private readonly entries = new WeakMap<Resource, Entry>();
    /** Resources whose steps ran (were not replayed) through this cache. */
    runs = 0;

    /** The steps of one postParse; with `replaying` false, every resource's run (and recorded). */
    steps(replaying: boolean): ResourceSteps {
        return new PostParseRun(this, replaying);
    }

    entry(built: Resource): Entry | undefined {
        return this.entries.get(built);
    }

    remember(built: Resource, entry: Entry): void {
        this.entries.set(built, entry);
    }

    forget(built: Resource): void {
        this.entries.delete(built);
    }

    /**
     * The built resource's section moved by whole lines: its post-parsed copy and its steps'
     * records move with it (the copy shares most locations with the built resource: `shift`
     * moves each once). Steps that found something are run again.
     */
    move(built: Resource, shift: LineShift): void {
        const entry = this.entries.get(built);
        if (!entry) return;
        if (!entry.steps.every((step) => LineShift.movable(step.recorded)) || !shift.model(entry.resource)) return this.forget(built);
        for (const step of entry.steps) shift.events(step.recorded);
    }
}

/** A resource whose steps run and are recorded: the built resource it is a copy of. */
interface Recording {
    built: Resource;
    steps: StepRecord[];
    readMainEnd?: true;
}

class PostParseRun implements ResourceSteps {
    private readonly replayed = new Map<Resource, { built: Resource; entry: Entry; next: number }>();
    private readonly recording = new Map<Resource, Recording>();
    private key: string | undefined;

    constructor(private readonly cache: PostParseCache, private readonly replaying: boolean) {}

    begin(ctx: PostParseContext): void {
        const resources = ctx.config.resources;
        const cacheable = !ctx.expand && !resources.some((res) => res.allHosts.some((h) => h.lowerName !== undefined));
        this.key = cacheable ? contextKey(ctx) : undefined;
        resources.forEach((built, i) => {
            const entry = this.cache.entry(built);
            if (this.replaying && entry && entry.key === this.key && (!entry.mainEnd || sameLine(entry.mainEnd.read, ctx.mainEnd()))) {
                resources[i] = { ...entry.resource };
                this.replayed.set(resources[i], { built, entry, next: 0 });
                return;
            }
            resources[i] = copyOf(built);
            this.recording.set(resources[i], { built, steps: [] });
        });
    }

    step(ctx: PostParseContext, res: Resource, name: string, run: ResourceStep): void {
        const replayed = this.replayed.get(res);
        if (replayed) {
            // A step skipped or added (postParse skips a resource after its errors) is a step
            // not as recorded; so is one that looked at drbdadm's config_valid, now different.
            const step = replayed.entry.steps[replayed.next++];
            if (step?.name !== name || (step.valid !== undefined && step.valid !== ctx.report.valid)) this.mismatch(res, replayed.built);
            replay(step.recorded, ctx.report, ctx.uniq);
            return;
        }
        // Nothing is kept without a key: the steps just run (on the copies).
        const recording = this.key === undefined ? undefined : this.recording.get(res);
        if (!recording) return RUN_EVERY_STEP.step(ctx, res, name, run);
        this.runAndRecord(ctx, res, name, run, recording);
    }

    /**
     * Runs a step and records it. Apart from step(): V8 makes the variables closures share at
     * the entry of the function they are in, and step() replays tens of thousands of steps.
     */
    private runAndRecord(ctx: PostParseContext, res: Resource, name: string, run: ResourceStep, recording: Recording): void {
        const { steps } = recording;
        const valid = ctx.report.valid;
        const mainEnd = () => {
            recording.readMainEnd = true;
            return ctx.mainEnd();
        };
        const { recorded, readValidity } = record((report, uniq, validAtStart) => run({ ...ctx, report, uniq, mainEnd }, res, validAtStart), valid);
        replay(recorded, ctx.report, ctx.uniq);
        steps.push(recorded === NOTHING && !readValidity ? nothingDone(name) : { name, valid: readValidity ? valid : undefined, recorded });
    }

    end(ctx: PostParseContext): void {
        // forEach: an iteration of thousands of entries makes no [key, value] pairs.
        this.replayed.forEach(({ built, entry, next }, res) => {
            if (next !== entry.steps.length) this.mismatch(res, built);
        });
        this.cache.runs += this.recording.size;
        if (this.key === undefined) return;
        for (const [resource, { built, steps, readMainEnd }] of this.recording) {
            trimLists(resource);
            const entry: Entry = { key: this.key, resource: { ...resource }, steps: exact(steps) };
            if (readMainEnd) entry.mainEnd = { read: ctx.mainEnd() };
            this.cache.remember(built, entry);
        }
    }

    private mismatch(res: Resource, built: Resource): never {
        this.cache.forget(built);
        throw new ReplayMismatch(res.name);
    }
}

/**
 * What a resource's steps read besides the resource and drbdadm's state (which the step names
 * and the recorded config_valid check): the host, the release, the main file and the common
 * section (inherited options). The main file's end is kept with the entries whose steps read it.
 * Not which addresses are up here: analyzeConfig leaves that to postParse's default.
 */
function contextKey(ctx: PostParseContext): string {
    const { config, thisHost } = ctx;
    return JSON.stringify([thisHost.hostname, thisHost.matchOnProxy, config.release, config.mainFile, config.common]);
}

function sameLine(a: DrbdadmLine | undefined, b: DrbdadmLine | undefined): boolean {
    return a?.file === b?.file && a?.line === b?.line;
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
