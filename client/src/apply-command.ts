/**
 * `drbd.apply` ("DRBD: Apply", and the Apply CodeLens): the server says which files go where and
 * which resources each host adjusts (drbd/applyPlan); the hosts are driven by the same code as
 * `drbdconf apply` (common/src/remote/apply/apply.ts): preflight, a preview (the output channel,
 * and VS Code's diff editor per changed file and host), one modal confirmation, install, adjust,
 * status. Only in a trusted workspace; the configuration's documents are saved first (what is
 * applied is the saved files).
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { ApplyPlanParams, ApplyPlanRequestMethod, ApplyPlanResult } from '../../common/src/protocol.js';
import { applyConfig } from '../../common/src/remote/apply/apply.js';
import type { ApplyFile } from '../../common/src/remote/apply/files.js';
import type { HostApplyPreflight } from '../../common/src/remote/apply/preflight.js';
import { confirmText, previewLines, summaryLines } from '../../common/src/remote/apply/report.js';
import { maskText } from '../../common/src/remote/secrets.js';
import { SshSession } from '../../common/src/remote/ssh.js';
import { RunLog } from './run-log.js';
import { executionBlocked, resolveSshSettings } from './settings.js';
import { chooseTarget, type UpCommandDeps } from './up-commands.js';
import type { FlowTarget } from './up-flow.js';

const APPLY_PLAN: typeof ApplyPlanRequestMethod = 'drbd/applyPlan';
const SCHEME = 'drbd-apply';

export function registerApplyCommand(context: vscode.ExtensionContext, deps: UpCommandDeps): void {
    // Before/after texts of the preview's diffs, by URI.
    const texts = new Map<string, string>();
    let running = false;
    context.subscriptions.push(
        vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '' }),
        vscode.commands.registerCommand('drbd.apply', async (arg?: unknown) => {
            const blocked = executionBlocked(vscode.workspace.isTrusted);
            if (blocked) return void vscode.window.showErrorMessage(blocked);
            if (running) return void vscode.window.showWarningMessage('DRBD: an Apply is already running; wait for it or cancel it first.');
            const target = await chooseTarget(arg, deps);
            if (!target) return;
            running = true;
            try {
                await applyFlow(target, deps, texts);
            } catch (e) {
                deps.output.error(`DRBD: Apply ${target.resource}: ${maskText(e instanceof Error ? e.message : String(e))}`);
                void vscode.window.showErrorMessage(`DRBD: Apply ${target.resource} failed: ${maskText(e instanceof Error ? e.message : String(e))}`);
            } finally {
                running = false;
                texts.clear();
            }
        }),
    );
}

async function applyFlow(target: FlowTarget, deps: UpCommandDeps, texts: Map<string, string>): Promise<void> {
    const { output } = deps;
    const head = `DRBD: Apply ${target.resource}`;
    for (const d of vscode.workspace.textDocuments) if (d.languageId === 'drbd' && d.isDirty) await d.save();
    const inspect = (key: string) => vscode.workspace.getConfiguration('drbd').inspect(key);
    // Where files are written on the hosts: the user's (machine) setting only, never a workspace's.
    const ssh = resolveSshSettings(inspect, homedir());
    const remoteConfig = ssh.remoteConfig;
    const params: ApplyPlanParams = { uri: target.uri, resource: target.resource, remoteConfig };
    const plan = await (await deps.client()).sendRequest<ApplyPlanResult>(APPLY_PLAN, params);
    if (plan.configErrors.length > 0) {
        for (const e of plan.configErrors) output.error(maskText(e));
        output.show(true);
        return void vscode.window.showErrorMessage(`${head}: the configuration cannot be applied (see the DRBD output); nothing was changed.`);
    }
    const files: ApplyFile[] = plan.files.map((f) => ({ local: f.local, rel: f.rel, remote: f.remote, content: Buffer.from(f.base64, 'base64'), sha256: f.sha256, includes: f.includes }));
    for (const w of ssh.warnings) output.warn(w);
    const log = (text: string) => output.info(maskText(text));
    const runLog = new RunLog((s) => maskText(s));
    log(`${head} on ${plan.targets.map((t) => t.host).join(', ')}: ${files.map((f) => f.remote).join(', ')} (from ${plan.mainFile})`);
    output.show(true);
    const session = await SshSession.open(ssh.settings);
    try {
        const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: head, cancellable: true }, (progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return applyConfig(session, files, plan.targets, {
                signal: abort.signal,
                remoteConfig,
                onEvent: (e) => {
                    if (e.kind === 'log') {
                        log(`${e.host ? `[${e.host}] ` : ''}${e.text}`);
                        progress.report({ message: `${e.host ?? ''} ${e.text}`.trim() });
                    } else for (const l of runLog.lines(e.event)) output[l.level](l.text);
                },
                confirm: (preflight) => confirmApply(head, preflight, texts, log),
            });
        });
        for (const l of summaryLines(report)) log(l);
        const text = report.ok
            ? `${head}: applied on ${report.preflight.map((p) => p.host).join(', ')}.`
            : report.cancelled
              ? `${head}: cancelled (see the DRBD output for what ran where).`
              : report.phase === 'confirm'
                ? undefined
                : `${head}: failed in ${report.phase}${report.restore ? '; every changed host was restored' : ''} (see the DRBD output).`;
        if (text) {
            const show = report.ok ? vscode.window.showInformationMessage(text, 'Show output') : vscode.window.showErrorMessage(text, 'Show output');
            void show.then((a) => a && output.show(true));
        }
    } finally {
        await session.close();
    }
}

/** The preview in the output channel, the diffs one click each, then one modal question. */
async function confirmApply(head: string, preflight: HostApplyPreflight[], texts: Map<string, string>, log: (s: string) => void): Promise<boolean> {
    for (const l of previewLines(preflight)) log(l);
    const diffs = preflight.flatMap((p) =>
        p.files.filter((f) => f.changed).map((f) => {
            const uri = (side: string) => vscode.Uri.from({ scheme: SCHEME, path: `/${p.host}/${side}${f.file.remote}` });
            const [before, after] = [uri('current'), uri('new')];
            texts.set(before.toString(), maskText(f.before?.toString('utf8') ?? ''));
            texts.set(after.toString(), maskText(f.file.content.toString('utf8')));
            return { label: `${p.host}: ${f.file.remote}`, description: f.before ? 'changes' : 'new file', before, after };
        }),
    );
    const SHOW = 'Show changes…';
    // Bounded: each round either answers or shows one diff.
    for (let round = 0; round < 100; round++) {
        const answer = await vscode.window.showWarningMessage(`${head}?`, { modal: true, detail: maskText(confirmText(preflight).split(' | ').join('\n')) }, 'Apply', ...(diffs.length > 0 ? [SHOW] : []));
        if (answer !== SHOW) return answer === 'Apply';
        const pick = await vscode.window.showQuickPick(diffs, { title: `${head}: changes per host` });
        if (pick) await vscode.commands.executeCommand('vscode.diff', pick.before, pick.after, `${pick.label} (current ↔ new)`);
    }
    return false;
}
