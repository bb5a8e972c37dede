/**
 * `drbdadm down`: one `drbdsetup down RES` per selected resource, run at once rather than
 * deferred (drbdsetup itself then detaches, disconnects and deletes everything of the resource).
 */
import type { Config } from '../model.js';
import { selectWithPeers, type PlanOptions } from './plan-up.js';
import type { HostPlan } from './plan.js';

export function planDown(config: Config, hostname: string, selection: readonly string[] | 'all', opts?: PlanOptions): HostPlan {
    // Not deferred: a later refusal does not take back the resources already taken down.
    const { sel } = selectWithPeers(config, hostname, selection, 'down', opts);
    const steps = sel.resources.map((res) => ({
        host: hostname, resource: res.name, stage: 'down' as const, argv: ['drbdsetup', 'down', res.name], loc: res.nameLoc,
    }));
    return { host: hostname, steps, exitCode: sel.exitCode || (sel.skipped ?? 0), stderr: sel.stderr };
}
