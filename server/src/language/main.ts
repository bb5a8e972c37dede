import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createDrbdServices } from './drbd-module.js';

/** Starts the language server on the transport given on the command line (--stdio, --node-ipc...). */
export function startDrbdLanguageServer(): void {
    const connection = createConnection(ProposedFeatures.all);
    const { shared } = createDrbdServices({ connection, ...NodeFileSystem });
    startLanguageServer(shared);
}
