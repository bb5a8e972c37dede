/**
 * The plan preview as a read-only virtual markdown document (`drbd-plan:` scheme): its text comes
 * from plan-preview.ts, its links open the config lines, and "Reveal Secrets" re-renders it
 * unmasked on demand (only in this document, never in the output channel).
 *
 * One tab per verb, resource and configuration: showing a plan again updates that tab where it
 * is (no copy in another group). An open plan follows the configuration: after an edit of a DRBD
 * file it is planned again (its links then point at the lines as they are now), and a preflight
 * that was shown is said to be for the plan before the change.
 */
import * as vscode from 'vscode';
import type { UpPlanResult } from '../../common/src/protocol.js';
import { renderPreview, type PreviewInput } from './plan-preview.js';

export const PREVIEW_SCHEME = 'drbd-plan';
/** Edits come in bursts (typing): plan again once they pause. */
const REPLAN_AFTER_MS = 400;

export type PreviewShown = Omit<PreviewInput, 'reveal'>;

interface Entry {
    uri: vscode.Uri;
    input: PreviewShown;
    reveal: boolean;
    /** The server's plan of the same verb and resource, asked again (the configuration changed). */
    replan?: () => Promise<UpPlanResult>;
}

export class PlanPreviewProvider implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
    private readonly entries = new Map<string, Entry>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;
    private replanTimer: NodeJS.Timeout | undefined;

    static register(context: vscode.ExtensionContext): PlanPreviewProvider {
        const provider = new PlanPreviewProvider();
        context.subscriptions.push(
            provider.changed,
            vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, provider),
            vscode.languages.registerDocumentLinkProvider({ scheme: PREVIEW_SCHEME }, provider),
            vscode.commands.registerCommand('drbd.revealSecrets', (uri?: vscode.Uri) => provider.reveal(uri ?? vscode.window.activeTextEditor?.document.uri)),
            vscode.workspace.onDidChangeTextDocument((e) => {
                if (e.document.languageId === 'drbd' && e.contentChanges.length > 0) provider.configurationChanged();
            }),
            { dispose: () => clearTimeout(provider.replanTimer) },
        );
        return provider;
    }

    /** The plan's tab: one per verb, resource and configuration (its main file). */
    static uriOf(input: Pick<PreviewShown, 'verb' | 'resource' | 'plan'>): vscode.Uri {
        return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/DRBD ${input.verb} ${input.resource} plan.md`, query: input.plan.mainFile });
    }

    /**
     * Shows (or refreshes) the preview of this verb and resource beside the configuration, or
     * where its tab already is; a new plan is masked again. `replan` asks the server again.
     */
    async show(input: PreviewShown, replan?: () => Promise<UpPlanResult>): Promise<void> {
        const uri = PlanPreviewProvider.uriOf(input);
        const key = uri.toString();
        const previous = this.entries.get(key);
        this.entries.set(key, { uri, input, reveal: previous?.input.plan === input.plan ? previous.reveal : false, replan: replan ?? previous?.replan });
        this.changed.fire(uri);
        await this.focus(uri, true);
    }

    /** Brings the plan's tab to the front in its group ("Show plan"), or opens it beside the active editor. */
    async focus(uri: vscode.Uri, preserveFocus = false): Promise<void> {
        const key = uri.toString();
        const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
        if (visible && preserveFocus) return;
        const group = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc, { preview: true, preserveFocus, viewColumn: group?.viewColumn ?? vscode.ViewColumn.Beside });
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        const e = this.entries.get(uri.toString());
        return e ? renderPreview({ ...e.input, reveal: e.reveal }).text : 'This plan preview is no longer available: run "DRBD: Show Up Plan" again.\n';
    }

    provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
        const e = this.entries.get(document.uri.toString());
        if (!e) return [];
        return renderPreview({ ...e.input, reveal: e.reveal }).links.map((l) => {
            const target = vscode.Uri.parse(l.target.uri).with({ fragment: `L${l.target.range.start.line + 1},${l.target.range.start.character + 1}` });
            return new vscode.DocumentLink(new vscode.Range(l.line, l.start, l.line, l.end), target);
        });
    }

    private configurationChanged(): void {
        clearTimeout(this.replanTimer);
        this.replanTimer = setTimeout(() => void this.replanOpen(), REPLAN_AFTER_MS);
    }

    /** Plans again every open plan that is not in the middle of a preflight (that flow shows its own result). */
    private async replanOpen(): Promise<void> {
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        for (const [key, e] of this.entries) {
            if (!open.has(key) || !e.replan || e.input.preflight.kind === 'running') continue;
            const plan = await e.replan().catch(() => undefined);
            if (!plan || this.entries.get(key) !== e) continue;
            const outdated = e.input.preflight.kind === 'done' || (e.input.preflight.kind === 'pending' && e.input.preflight.outdated === true);
            this.entries.set(key, { ...e, input: { ...e.input, plan, preflight: { kind: 'pending', outdated } }, reveal: false });
            this.changed.fire(e.uri);
        }
    }

    private reveal(uri: vscode.Uri | undefined): void {
        const e = uri && this.entries.get(uri.toString());
        if (!e) {
            void vscode.window.showInformationMessage('DRBD: open a plan preview first.');
            return;
        }
        e.reveal = true;
        this.changed.fire(uri);
    }
}
