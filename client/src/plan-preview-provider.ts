/**
 * The plan preview as a read-only virtual markdown document (`drbd-plan:` scheme): its text comes
 * from plan-preview.ts, its links open the config lines, and "Reveal Secrets" re-renders it
 * unmasked on demand (only in this document, never in the output channel).
 */
import * as vscode from 'vscode';
import { renderPreview, type PreviewInput } from './plan-preview.js';

export const PREVIEW_SCHEME = 'drbd-plan';

interface Entry {
    input: Omit<PreviewInput, 'reveal'>;
    reveal: boolean;
}

export class PlanPreviewProvider implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
    private readonly entries = new Map<string, Entry>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    static register(context: vscode.ExtensionContext): PlanPreviewProvider {
        const provider = new PlanPreviewProvider();
        context.subscriptions.push(
            provider.changed,
            vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, provider),
            vscode.languages.registerDocumentLinkProvider({ scheme: PREVIEW_SCHEME }, provider),
            vscode.commands.registerCommand('drbd.revealSecrets', (uri?: vscode.Uri) => provider.reveal(uri ?? vscode.window.activeTextEditor?.document.uri)),
        );
        return provider;
    }

    static uriOf(input: Pick<PreviewInput, 'verb' | 'resource'>): vscode.Uri {
        return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/DRBD ${input.verb} ${input.resource} plan.md` });
    }

    /** Shows (or refreshes) the preview of this verb and resource; a new plan is masked again. */
    async show(input: Omit<PreviewInput, 'reveal'>): Promise<void> {
        const uri = PlanPreviewProvider.uriOf(input);
        const key = uri.toString();
        const previous = this.entries.get(key);
        this.entries.set(key, { input, reveal: previous?.input.plan === input.plan ? previous.reveal : false });
        this.changed.fire(uri);
        if (!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === key)) {
            const doc = await vscode.workspace.openTextDocument(uri);
            await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
        }
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
