import { URI } from 'langium';
import type { Loc } from '../../drbd/model.js';
import { dryRunLine } from '../../drbd/up/shell-escape.js';
import { kernelRequest } from '../../drbd/up/kernel-request.js';
import type { PlanStep } from '../../drbd/up/plan.js';
import { planHosts } from '../../reader/plan-hosts.js';
import type { UpPlanParams, UpPlanResult, UpPlanStep } from '../../../../common/src/protocol.js';
import { releaseOfDrbdadm } from '../../../../common/src/remote/host-release.js';
import type { DrbdConfigurations } from '../workspace/drbd-configurations.js';
import { rangeOf } from '../lsp/node-ranges.js';

/**
 * `drbd/upPlan`: for every host of the resource, what `drbdadm up|down RES` would run there. The
 * configuration is checked as the target release; the hosts are planned as `hostRelease` when
 * given (a host's own drbdadm's version, which "Up" learns in its preflight).
 */
export function upPlan(configurations: DrbdConfigurations, params: UpPlanParams): UpPlanResult {
    const path = URI.parse(params.uri).fsPath;
    const mainFile = configurations.mainFilesOf(path)[0] ?? path;
    const selection = params.resource === 'all' ? 'all' : [params.resource];
    const target = configurations.release;
    const asked = params.hostRelease === undefined ? { release: target } : releaseOfDrbdadm(params.hostRelease);
    if (asked === undefined) return { mainFile, release: target, configErrors: [`'${params.hostRelease}' is no drbd-utils release (X.Y.Z)`], hosts: [] };
    const { release, hint } = asked;
    const planned = planHosts(params.verb ?? 'up', mainFile, configurations.currentSource(), selection, target, () => release, params.host);
    if ('message' in planned) {
        return { mainFile, release: target, configErrors: planned.messages, hosts: [] };
    }
    return {
        mainFile,
        release: target,
        configErrors: [],
        hosts: planned.plans.map((plan) => ({ ...plan, release, releaseHint: hint, steps: plan.steps.map(toProtocolStep) })),
    };
}

function toProtocolStep(step: PlanStep): UpPlanStep {
    const { loc, ...rest } = step;
    return {
        ...rest,
        command: dryRunLine(step.argv),
        location: loc ? lspLocation(loc) : undefined,
        kernel: kernelRequest(step),
    };
}

function lspLocation(loc: Loc): UpPlanStep['location'] {
    return {
        uri: URI.file(loc.file).toString(),
        range: rangeOf(loc),
    };
}
