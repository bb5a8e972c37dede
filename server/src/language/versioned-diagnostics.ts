import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';

/**
 * publishDiagnostics names the document version its diagnostics were computed for, so a client
 * (and the bench) can drop those of a text that has changed since. Langium publishes them while
 * the document is in its Validated phase, when its text document is the version it validated.
 */
export function publishDiagnosticsWithVersion(connection: Connection, shared: LangiumSharedServices): void {
    const send = connection.sendDiagnostics.bind(connection);
    const documents = shared.workspace.LangiumDocuments;
    connection.sendDiagnostics = (params) => {
        if (params.version !== undefined) return send(params);
        return send({ ...params, version: documents.getDocument(URI.parse(params.uri))?.textDocument.version });
    };
}
