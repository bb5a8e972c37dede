/**
 * `drbd.up`, `drbd.down` and `drbd.showPlan`: find the resource (CodeLens argument, the section
 * under the cursor, or a quick pick), then hand the flow (up-flow.ts) its ports made of VS Code
 * API calls. No decision is taken here.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { UpPlanParams, UpPlanRequestMethod, UpPlanResult } from '../../common/src/protocol.js';
import type { RemoteVerb } from '../../common/src/remote/preflight.js';
import { destinationOf } from '../../common/src/remote/names.js';
import { PlanPreviewProvider } from './plan-preview-provider.js';
import { resourceSpans, resourceAt } from './resource-at.js';
import { resolveSshSettings } from './settings.js';
import { openSshRemote } from './ssh-remote.js';
import { runUpFlow, type FlowTarget, type Notice, type UpFlowPorts } from './up-flow.js';

/** The method name, checked against the shared protocol's constant (a type-only import). */
const UP_PLAN: typeof UpPlanRequestMethod = 'drbd/upPlan';

export interface UpCommandDeps {
    client: () => Promise<LanguageClient>;
    output: vscode.LogOutputChannel;
    preview: PlanPreviewProvider;
}

export function registerUpCommands(context: vscode.ExtensionContext, deps: UpCommandDeps): void {
    let running = false;
    const upDown = (verb: RemoteVerb) => async (arg?: unknown) => {
        if (running) {
            void vscode.window.showWarningMessage('DRBD: an Up or Down is already running; wait for it or cancel it first.');
            return;
        }
        const target = await chooseTarget(arg, deps);
        if (!target) return;
        running = true;
        try {
            await runUpFlow(verb, target, editorPorts(deps, target));
        } finally {
            running = false;
        }
    };
    context.subscriptions.push(
        vscode.commands.registerCommand('drbd.up', upDown('up')),
        vscode.commands.registerCommand('drbd.down', upDown('down')),
        vscode.commands.registerCommand('drbd.showPlan', async (arg?: unknown) => {
            const target = await chooseTarget(arg, deps);
            if (!target) return;
            const ssh = resolveSshSettings(inspectDrbd, homedir());
            const plan = await requestPlan(deps, target, 'up');
            const input = { verb: 'up' as const, resource: target.resource, plan, destination: (h: string) => destinationOf(h, ssh.settings.hosts), preflight: { kind: 'pending' as const } };
            await deps.preview.show(input, () => requestPlan(deps, target, 'up'));
        }),
    );
}

function inspectDrbd(key: string) {
    return vscode.workspace.getConfiguration('drbd').inspect(key);
}

async function requestPlan(deps: UpCommandDeps, target: FlowTarget, verb: RemoteVerb, as?: { host: string; release: string }): Promise<UpPlanResult> {
    const params: UpPlanParams = { uri: target.uri, resource: target.resource, verb, host: as?.host, hostRelease: as?.release };
    return (await deps.client()).sendRequest<UpPlanResult>(UP_PLAN, params);
}

function editorPorts(deps: UpCommandDeps, target: FlowTarget): UpFlowPorts {
    const { output, preview } = deps;
    let shownPlan: vscode.Uri | undefined;
    return {
        workspaceTrusted: vscode.workspace.isTrusted,
        ssh: resolveSshSettings(inspectDrbd, homedir()),
        requestPlan: (target, verb, as) => requestPlan(deps, target, verb, as),
        showPreview: (input) => {
            shownPlan = PlanPreviewProvider.uriOf(input);
            void preview.show(input, () => requestPlan(deps, target, input.verb));
        },
        openRemote: openSshRemote,
        progress: (title, task) =>
            Promise.resolve(
                vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
                    const abort = new AbortController();
                    token.onCancellationRequested(() => abort.abort());
                    return task(abort.signal, (message) => progress.report({ message }));
                }),
            ),
        confirm: async (q) => (await vscode.window.showWarningMessage(q.title, { modal: true, detail: q.detail }, q.button)) === q.button,
        log: (line) => output[line.level](line.text),
        notify: (notice) => void notify(notice, output, () => shownPlan, preview),
    };
}

async function notify(notice: Notice, output: vscode.LogOutputChannel, plan: () => vscode.Uri | undefined, preview: PlanPreviewProvider): Promise<void> {
    const { text, actions } = notice;
    const action = await (notice.severity === 'info'
        ? vscode.window.showInformationMessage(text, ...actions)
        : notice.severity === 'warning'
          ? vscode.window.showWarningMessage(text, ...actions)
          : vscode.window.showErrorMessage(text, ...actions));
    if (action === 'Show output') output.show(true);
    const uri = plan();
    if (action === 'Show plan' && uri) await preview.focus(uri);
}

/** `{uri, resource}` from a CodeLens, else the resource under the cursor, else a quick pick. */
export async function chooseTarget(arg: unknown, deps: UpCommandDeps): Promise<FlowTarget | undefined> {
    if (isTarget(arg)) return arg;
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document.languageId === 'drbd' ? editor.document : undefined;
    if (!editor || !doc) {
        void vscode.window.showErrorMessage('DRBD: open a DRBD configuration file (drbd.conf, *.res) first.');
        return undefined;
    }
    const uri = doc.uri.toString();
    const here = resourceAt(doc.getText(), doc.offsetAt(editor.selection.active));
    if (here) return { uri, resource: here };
    const names = new Set(resourceSpans(doc.getText()).map((s) => s.name));
    // Resources of included files: every resource some host would take down.
    const all = await requestPlan(deps, { uri, resource: 'all' }, 'down').catch(() => undefined);
    for (const h of all?.hosts ?? []) for (const s of h.steps) names.add(s.resource);
    if (names.size === 0) {
        void vscode.window.showErrorMessage('DRBD: this configuration defines no resource.');
        return undefined;
    }
    const resource = await vscode.window.showQuickPick([...names].sort(), { title: 'DRBD: which resource?', placeHolder: 'resource' });
    return resource ? { uri, resource } : undefined;
}

function isTarget(arg: unknown): arg is FlowTarget {
    const t = arg as Partial<FlowTarget> | undefined;
    return typeof t?.uri === 'string' && typeof t.resource === 'string';
}
