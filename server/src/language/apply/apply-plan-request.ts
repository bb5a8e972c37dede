import { URI } from 'langium';
import type { ApplyPlanParams, ApplyPlanResult } from '../../../../common/src/protocol.js';
import { applyPlan } from '../../../../common/src/remote/apply/plan.js';
import type { DrbdConfigurations } from '../workspace/drbd-configurations.js';

/**
 * `drbd/applyPlan`: the configuration of this document as Apply sends it. It is checked as the
 * editor reads it, and the files are read from disk: the client saves the configuration's
 * documents first, so both are the same.
 */
export function applyPlanRequest(configurations: DrbdConfigurations, params: ApplyPlanParams): ApplyPlanResult {
    const path = URI.parse(params.uri).fsPath;
    const mainFile = configurations.mainFilesOf(path)[0] ?? path;
    const plan = applyPlan(mainFile, configurations.currentSource(), params.resource === 'all' ? 'all' : [params.resource], configurations.release, params.remoteConfig);
    if ('message' in plan) return { mainFile, configErrors: plan.message.split('\n').filter(Boolean), files: [], targets: [] };
    return {
        mainFile,
        configErrors: [],
        files: plan.files.map((f) => ({ local: f.local, rel: f.rel, remote: f.remote, base64: f.content.toString('base64'), sha256: f.sha256, includes: f.includes })),
        targets: plan.targets,
    };
}
