import { DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type ParseResult, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { DrbdFile } from '../../syntax/generated/ast.js';
import { reparseIncrementally } from '../../syntax/incremental-reparse.js';

/** Documents whose edits re-parse only the statements they touch (see reparseIncrementally). */
export class DrbdDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse result each document had before the update in progress. */
    private readonly previous = new Map<string, ParseResult>();

    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        this.previous.set(key, document.parseResult);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.previous.delete(key);
        }
    }

    override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        const previous = this.previous.get(uri.toString());
        const reparsed = previous && reparseIncrementally(previous as ParseResult<DrbdFile>, text, this.serviceRegistry.getServices(uri).parser.LangiumParser);
        return reparsed ? Promise.resolve(reparsed as unknown as ParseResult<T>) : super.parseAsync(uri, text, cancellationToken);
    }
}
