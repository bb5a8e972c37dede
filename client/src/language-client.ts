import * as path from 'node:path';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { ReleaseNotificationMethod, ReleaseParams } from '../../common/src/protocol.js';
import { SERVER_NODE_FLAGS, serverEnvironment } from '../../common/src/server-node-flags.js';

/** The method name, checked against the shared protocol's constant (a type-only import). */
const RELEASE: typeof ReleaseNotificationMethod = 'drbd/release';

/**
 * Starts the DRBD language server; all language knowledge lives there. It runs in untrusted
 * workspaces too: it only reads files. `drbd.trace.server` is read by the client library; the
 * other `drbd.*` settings reach the server as it asks for them (Langium's ConfigurationProvider).
 * `onRelease` hears which drbd-utils release the server checks as, from its first message on.
 */
export async function startLanguageClient(context: ExtensionContext, outputChannel: LogOutputChannel, onRelease: (params: ReleaseParams) => void): Promise<LanguageClient> {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS], env: serverEnvironment(process.env) } },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'], env: serverEnvironment(process.env) } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'drbd' }],
        outputChannel,
        revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
    const client = new LanguageClient('drbd', 'DRBD', serverOptions, clientOptions);
    client.onNotification(RELEASE, onRelease);
    await client.start();
    return client;
}
