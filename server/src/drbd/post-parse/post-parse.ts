/**
 * drbdadm's stage between parsing and running a command, in its order: post_parse (volumes,
 * stacked sections, connections, node-ids, address conflicts, this host, peer devices), then
 * expand_common (option inheritance) and global validation. Mutates the config into the model
 * the command planners read.
 */
import type { Config, Diagnostic, Resource } from '../model.js';
import { checkAddrConflicts } from './address-conflicts.js';
import { createConnectionsFromMesh } from './connection-mesh.js';
import type { PostParseContext } from './context.js';
import { expandCommon } from './expand-common.js';
import { globalValidate } from './global-validate.js';
import { mustHaveTwoHosts, setHostInfoInHostAddressPairs } from './host-address-pairs.js';
import { createImplicitConnections } from './implicit-connections.js';
import { nodeIdHints, reportMissingNodeIds } from './node-id-checks.js';
import { fixupPeerDevices } from './peer-devices.js';
import { Report } from './report.js';
import { RUN_EVERY_STEP, type ResourceStep, type ResourceSteps } from './resource-steps.js';
import { setOnHostsInResource, setStackedDisks } from './stacked.js';
import { setMeInResource } from './this-host.js';
import { UniqTable } from './uniq.js';
import { resolveVolumes, seedParsedDeviceKeys, VolumeLines } from './volumes.js';

export interface PostParseOptions {
    /** The host drbdadm runs on (decides `me`, ignored resources, some checks). */
    hostname: string;
    /** drbdadm's proxy commands pick this host by the `proxy on` names. */
    matchOnProxy?: boolean;
    /**
     * `dump` (default) checks like `drbdadm dump`; `command` like the commands that configure
     * DRBD (up, adjust, ...): conflicting inherited options are errors and resync-after is
     * converted to a minor. Options are inherited in both modes, for the planners.
     */
    mode?: 'dump' | 'command';
    /** Whether an address is on an UP interface here (for `floating` sections); default: only non-IP families. */
    haveIp?: (af: string, addr: string) => boolean;
    /** The parser's uniqueness table (loadConfig's `uniq`); without it the parser's keys are rebuilt from the model. */
    uniq?: UniqTable;
    /** How the steps per resource are run (the language server replays unchanged resources'). */
    steps?: ResourceSteps;
}

export interface PostParseResult {
    diagnostics: Diagnostic[];
    /** drbdadm's exit code at this point: 0, 10 (invalid config), or 20 ("BAD LUCK"). */
    exitCode: number;
}

const isStacked = (res: Resource) => res.allHosts.some((h) => h.lowerName !== undefined);

function defaultHaveIp(af: string): boolean {
    return af !== 'ipv4' && af !== 'ipv6';
}

const twoHosts: ResourceStep = (ctx, res) => res.connections.forEach((conn) => mustHaveTwoHosts(ctx, res, conn));

const connections: ResourceStep = (ctx, res, validAtStart) => {
    for (const mesh of res.meshes) createConnectionsFromMesh(ctx, res, mesh);
    createImplicitConnections(ctx, res);
    for (const conn of res.connections) setHostInfoInHostAddressPairs(ctx, res, conn, validAtStart);
    reportMissingNodeIds(ctx, res);
};

const onHosts: ResourceStep = (ctx, res) => setOnHostsInResource(ctx, res);

const thisHost: ResourceStep = (ctx, res) => setMeInResource(res, ctx.thisHost, ctx.report);

export function postParse(config: Config, opts: PostParseOptions): PostParseResult {
    const report = new Report();
    const uniq = opts.uniq?.continueWith(report) ?? new UniqTable(report);
    const ctx: PostParseContext = {
        config, report,
        uniq,
        thisHost: { hostname: opts.hostname, matchOnProxy: opts.matchOnProxy ?? false, haveIp: opts.haveIp ?? defaultHaveIp },
        lines: new VolumeLines(),
        mainEnd: () => config.mainEndLine !== undefined ? { file: config.mainFile, line: config.mainEndLine } : undefined,
        expand: opts.mode === 'command',
        noTty: true,
    };
    const resources = config.resources;

    // A resource with errors of its own is not processed further (drbdadm stops at the first
    // invalid one; we go on with the others to report what we can).
    const broken = new Set<Resource>();
    const steps = opts.steps ?? RUN_EVERY_STEP;
    const trackedStep = (res: Resource, name: string, run: ResourceStep, via: ResourceSteps = steps) => {
        const before = report.errorCount;
        via.step(ctx, res, name, run);
        if (report.errorCount > before) broken.add(res);
    };

    steps.begin(ctx);
    if (!opts.uniq) seedParsedDeviceKeys(resources, uniq);
    for (const res of resources) trackedStep(res, 'volumes', resolveVolumes);
    // Host sections are all known by now: whether a resource is stacked does not change.
    const stacked = resources.filter(isStacked);
    // Not one of the recorded steps: it runs every time, as it always has.
    for (const res of stacked) trackedStep(res, 'on hosts', onHosts, RUN_EVERY_STEP);
    for (const res of resources) {
        trackedStep(res, 'two hosts', twoHosts);
        if (!broken.has(res)) steps.step(ctx, res, 'connections', connections);
    }
    checkAddrConflicts(ctx, config);
    const stackedSet = new Set(stacked);
    for (const res of resources) if (!stackedSet.has(res)) steps.step(ctx, res, 'this host', thisHost);
    for (const res of stacked) setMeInResource(res, ctx.thisHost, report);
    for (const res of stacked) setStackedDisks(ctx, res);
    for (const res of resources) steps.step(ctx, res, 'peer devices', fixupPeerDevices);

    for (const res of resources) steps.step(ctx, res, 'inheritance', expandCommon);
    steps.end(ctx);
    globalValidate(ctx);
    nodeIdHints(ctx);
    return { diagnostics: report.diagnostics, exitCode: report.exitCode };
}
