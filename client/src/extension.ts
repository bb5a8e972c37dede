import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the DRBD language server; all language knowledge lives there. */
export async function activate(context: ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'drbd' }],
    };
    client = new LanguageClient('drbd', 'DRBD', serverOptions, clientOptions);
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
