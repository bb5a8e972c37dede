import * as path from 'node:path';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * Starts the DRBD language server; all language knowledge lives there. It runs in untrusted
 * workspaces too: it only reads files. `drbd.trace.server` is read by the client library.
 */
export async function startLanguageClient(context: ExtensionContext, outputChannel: LogOutputChannel): Promise<LanguageClient> {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'drbd' }],
        outputChannel,
        revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
    const client = new LanguageClient('drbd', 'DRBD', serverOptions, clientOptions);
    await client.start();
    return client;
}
