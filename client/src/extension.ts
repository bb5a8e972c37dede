import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startLanguageClient } from './language-client.js';
import { PlanPreviewProvider } from './plan-preview-provider.js';
import { registerUpCommands } from './up-commands.js';

let client: LanguageClient | undefined;

/** Activation: the output channel, the language client, the plan preview and the Up/Down commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('DRBD', { log: true });
    context.subscriptions.push(output);
    const preview = PlanPreviewProvider.register(context);
    const started = startLanguageClient(context, output);
    registerUpCommands(context, { client: () => started, output, preview });
    client = await started;
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
