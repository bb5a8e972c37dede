import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ApplyPlanRequestMethod, UpPlanRequestMethod, type ApplyPlanParams, type UpPlanParams } from '../../../common/src/protocol.js';
import { applyPlanRequest } from './apply/apply-plan-request.js';
import { collectBetweenBuilds } from './collect-between-builds.js';
import { createDrbdServices } from './drbd-module.js';
import { upPlan } from './up-plan/plan-request.js';
import { publishDiagnosticsWithVersion } from './versioned-diagnostics.js';

/** Starts the language server on the transport given on the command line (--stdio, --node-ipc...). */
export function startDrbdLanguageServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared, Drbd } = createDrbdServices({ connection, ...NodeFileSystem });
    // drbd.utilsVersion: read before the first build (see DrbdWorkspaceManager), followed afterwards.
    Drbd.drbd.TargetRelease.followSettings();
    connection.onRequest(UpPlanRequestMethod, async (params: UpPlanParams) => {
        await shared.workspace.WorkspaceManager.ready;
        return upPlan(Drbd.drbd.Configurations, params);
    });
    connection.onRequest(ApplyPlanRequestMethod, async (params: ApplyPlanParams) => {
        await shared.workspace.WorkspaceManager.ready;
        return applyPlanRequest(Drbd.drbd.Configurations, params);
    });
    publishDiagnosticsWithVersion(connection, shared);
    collectBetweenBuilds(shared);
    startLanguageServer(shared);
}
