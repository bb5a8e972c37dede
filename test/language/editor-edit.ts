import { writeFileSync } from 'node:fs';
import { TextDocument, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/**
 * An edit as the editor makes it: the file is open with `text` (its next version) and the
 * builder is told. The file on disk gets the text too, for the analyses compared with it.
 */
export async function editOpen(shared: LangiumSharedServices, path: string, text: string): Promise<void> {
    writeFileSync(path, text);
    const uri = URI.file(path);
    const documents = shared.workspace.TextDocuments;
    const version = (documents.get(uri.toString())?.version ?? 0) + 1;
    documents.set(TextDocument.create(uri.toString(), 'drbd', version, text));
    await shared.workspace.DocumentBuilder.update([uri], []);
}

/** The editor closes the file: the builder reads it from disk again (as DrbdDocumentUpdateHandler has it). */
export async function closeInEditor(shared: LangiumSharedServices, path: string): Promise<void> {
    const uri = URI.file(path);
    shared.workspace.TextDocuments.delete(uri.toString());
    await shared.workspace.DocumentBuilder.update([uri], []);
}
