import { existsSync } from 'node:fs';
import { URI, type TextDocument } from 'langium';
import { DefaultDocumentUpdateHandler } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';

/**
 * A document closed in the editor is read again from disk: its unsaved changes are gone, and
 * so is its syntax tree (DrbdDocumentFactory keeps none for a closed document). One that is
 * not on disk (never saved, or deleted meanwhile) leaves the workspace.
 */
export class DrbdDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        const onDisk = uri.scheme === 'file' && existsSync(uri.fsPath);
        this.fireDocumentUpdate(onDisk ? [uri] : [], onDisk ? [] : [uri]);
    }
}
