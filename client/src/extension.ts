// First import: its timestamp is the start of the bundle's evaluation (see load-clock.ts).
import { bundleStart } from './load-clock.js';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startLanguageClient } from './language-client.js';
import { PlanPreviewProvider } from './plan-preview-provider.js';
import { registerApplyCommand } from './apply-command.js';
import { registerUpCommands } from './up-commands.js';
import { registerUtilsVersion } from './utils-version-status.js';

/** End of the bundle's evaluation: this module runs last, after everything it imports. */
const bundleEvaluated = performance.now();

/** The language client, while starting or started; settles with it or with the start's failure. */
let started: Promise<LanguageClient> | undefined;

/**
 * Activation: the output channel, the language client, the plan preview, the Up/Down commands
 * and the drbd-utils release (status item and commands).
 * It does not wait for the language server: the server starts in its own process meanwhile, and
 * the commands and deactivate() wait for it through `started`.
 */
export function activate(context: vscode.ExtensionContext): void {
    const called = performance.now();
    const output = vscode.window.createOutputChannel('DRBD', { log: true });
    context.subscriptions.push(output);
    const preview = PlanPreviewProvider.register(context);
    const onRelease = registerUtilsVersion(context, output);
    const client = startLanguageClient(context, output, onRelease);
    started = client;
    // The client library has logged the details already; this keeps the rejection handled.
    client.catch((e: unknown) => output.error(`the DRBD language server did not start: ${e instanceof Error ? e.message : String(e)}`));
    registerUpCommands(context, { client: () => client, output, preview });
    registerApplyCommand(context, { client: () => client, output, preview });
    // What VS Code counts as activation (loading the code, then activate()), minus what happens
    // before the bundle's first line (VS Code reading and compiling the file). The wait between the
    // two is VS Code preparing the extension context (storage, over IPC), shown apart. The server's
    // start is not counted: activation does not wait for it.
    const done = performance.now();
    const ms = (from: number, to: number) => Math.round(to - from);
    const [evaluation, body] = [ms(bundleStart, bundleEvaluated), ms(called, done)];
    output.info(`activated in ${evaluation + body} ms: bundle evaluation ${evaluation} ms + activate() ${body} ms (VS Code called activate() ${ms(bundleEvaluated, called)} ms after the evaluation)`);
}

/** Stops the language client, once started (a client still starting cannot be stopped before). */
export async function deactivate(): Promise<void> {
    await started?.then(
        (client) => client.stop(),
        () => undefined,
    );
}
