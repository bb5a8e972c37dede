/**
 * `drbdadm up`: for each selected resource drbdadm schedules new-resource, then per connection
 * new-peer / new-path / connect and the peer-device options, then per local volume new-minor and
 * attach; the scheduled commands then run stage by stage across all resources (adm_up and
 * run_deferred_cmds). A failed stage stops the run with exit status 1.
 */
import type { Config, Resource } from '../model.js';
import type { ReleaseVersion } from '../release.js';
import { attach } from './attach.js';
import { connect } from './connect.js';
import { newMinor } from './new-minor.js';
import { newPaths } from './new-path.js';
import { newPeer } from './new-peer.js';
import { newResource } from './new-resource.js';
import { peerDeviceOptions } from './peer-device-options.js';
import { setPeerInResource, type ResourcePeers } from './peer-in-resource.js';
import type { HostPlan, PlanStep } from './plan.js';
import { selectResources, type Selection } from './select.js';
import { stageIndex, stageLabel, type Scheduled } from './stages.js';

export interface PlanOptions {
    /** drbdadm -S: `all` means the stacked resources. */
    stacked?: boolean;
}

/** drbdadm's exit status when it dereferences the missing peer of a connection (SIGSEGV). */
export const CRASHED = 139;

/** Selection plus the peers of every resource, computed once per plan. */
export function selectWithPeers(config: Config, hostname: string, selection: readonly string[] | 'all', command: 'up' | 'down', opts?: PlanOptions) {
    const cache = new Map<Resource, ResourcePeers>();
    const peers = (res: Resource): ResourcePeers => {
        let p = cache.get(res);
        if (!p) cache.set(res, (p = setPeerInResource(res, config.release)));
        return p;
    };
    const sel: Selection = selectResources(config, hostname, selection, {
        command,
        stacked: opts?.stacked,
        hasActiveConnection: (res) => peers(res).connections.length > 0,
        peerErrors: (res) => peerErrorText(peers(res)),
    });
    return { sel, peers };
}

export function peerErrorText(p: ResourcePeers): string {
    return p.errors.map((e) => `${e.loc.file}:${e.loc.line}: ${e.message}\n`).join('');
}

export function planUp(config: Config, hostname: string, selection: readonly string[] | 'all', opts?: PlanOptions): HostPlan {
    const { sel, peers } = selectWithPeers(config, hostname, selection, 'up', opts);
    if (sel.exitCode) return { host: hostname, steps: [], exitCode: sel.exitCode, stderr: sel.stderr };
    let stderr = sel.stderr;
    const scheduled: Scheduled[] = [];
    let crashed = false;
    for (const res of sel.resources) {
        const p = peers(res);
        if (selection === 'all' || selection[0] === 'all') stderr += peerErrorText(p);
        // A connection whose peer drbdadm could not determine is dereferenced when its
        // new-peer/new-path runs: drbdadm dies before its buffered dry-run output is written.
        crashed ||= p.errors.length > 0 || p.connections.some((pc) => !pc.peer);
        scheduled.push(...scheduleUp(res, p, config.release));
    }
    if (crashed) return { host: hostname, steps: [], exitCode: CRASHED, stderr };
    const run = runStages(hostname, scheduled);
    return { host: hostname, steps: run.steps, exitCode: Math.max(run.exitCode, sel.skipped ?? 0), stderr: stderr + run.stderr };
}

/** adm_up's scheduling order for one resource. */
function scheduleUp(res: Resource, peers: ResourcePeers, release: ReleaseVersion): Scheduled[] {
    const me = res.me!;
    const out: Scheduled[] = [newResource(res, me, release)];
    for (const pc of peers.connections) out.push(newPeer(res, pc, release), ...newPaths(res, pc), connect(res, pc), ...peerDeviceOptions(res, pc, release));
    for (const vol of me.volumes) {
        out.push(newMinor(res, vol, release));
        if (vol.disk !== undefined) out.push(...attach(res, vol, release));
    }
    return out;
}

/** Each stage for all resources before the next; after a stage with a failure nothing more runs. */
function runStages(host: string, scheduled: Scheduled[]): { steps: PlanStep[]; exitCode: number; stderr: string } {
    const ordered = scheduled.map((s, i) => ({ s, i })).sort((a, b) => stageIndex(a.s.stage) - stageIndex(b.s.stage) || a.i - b.i);
    const steps: PlanStep[] = [];
    let stderr = '';
    for (let k = 0; k < ordered.length; k++) {
        const { s } = ordered[k];
        if (s.error) stderr += s.error;
        else steps.push({ host, resource: s.resource, stage: stageLabel(s.stage), argv: s.argv, loc: s.loc });
        const stageEnds = k + 1 === ordered.length || ordered[k + 1].s.stage !== s.stage;
        if (stageEnds && stderr) return { steps, exitCode: 1, stderr };
    }
    return { steps, exitCode: 0, stderr };
}
