import { DefaultLangiumDocumentFactory, type AstNode, type LangiumDocument, type ParseResult, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { isDirect, parseLinkedDirectly } from '../../syntax/direct-parser.js';
import type { DrbdFile } from '../../syntax/generated/ast.js';
import { openDirectParse, openParsingOf, parseOpenDirectly, type OpenParsing } from '../../syntax/direct-statement-cst.js';
import { reparseIncrementally } from '../../syntax/incremental-reparse.js';

/**
 * Documents whose edits re-parse only the statements they touch (see reparseIncrementally), and
 * which keep a syntax tree only where the editor reads one: a closed document keeps what the
 * analyses and the workspace-wide features read, its AST and the positions of its tokens
 * (direct-parser.ts, a few bytes a token where a syntax tree takes a hundred); an open one, the
 * syntax trees of the statements edited or asked about (DirectStatementCst). Text with a syntax
 * error is read by Langium's parser, for its messages. Opening a document with the text it had
 * keeps its parse; closing it parses it again (see DrbdDocumentUpdateHandler).
 */
export class DrbdDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The parse result each document had before the update in progress. */
    private readonly previous = new Map<string, ParseResult>();
    private openParsing: OpenParsing | undefined;

    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: CancellationToken): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        const before = document.parseResult;
        this.previous.set(key, before);
        try {
            const updated = await super.update(document, cancellationToken);
            // Langium keeps the parse of an unchanged text (parseAsync was not asked): not the
            // syntax tree of a document closed now.
            const kept = updated.parseResult === before && !this.textDocuments?.get(key);
            const text = kept ? before.value.$cstNode?.root.fullText : undefined;
            const direct = text === undefined ? undefined : parseWithoutSyntaxTree(text);
            if (direct) {
                updated.parseResult = direct as unknown as ParseResult<T>;
                Object.assign(direct.value, { $document: updated });
            }
            return updated;
        } finally {
            this.previous.delete(key);
        }
    }

    override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: CancellationToken): Promise<ParseResult<T>> {
        const key = uri.toString();
        const previous = this.previous.get(key);
        const services = this.serviceRegistry.getServices(uri);
        const parsed = !this.textDocuments?.get(key)
            ? parseWithoutSyntaxTree(text)
            : (previous && reparseIncrementally(previous as ParseResult<DrbdFile>, text, services.parser.LangiumParser))
                ?? parseOpen(text, previous as ParseResult<DrbdFile> | undefined, this.openParsing ??= openParsingOf(services));
        return parsed ? Promise.resolve(parsed as unknown as ParseResult<T>) : super.parseAsync(uri, text, cancellationToken);
    }
}

/**
 * An open document's parse without a syntax error: statements whose syntax trees are made when
 * asked for. A document just opened with the text it had closed keeps its AST.
 */
function parseOpen(text: string, previous: ParseResult<DrbdFile> | undefined, language: OpenParsing): ParseResult<DrbdFile> | undefined {
    const closed = previous?.value;
    return withoutErrors(closed && isDirect(closed) && !closed.$cstNode && closed.$tokens.text === text
        ? openDirectParse(closed, text, language)
        : parseOpenDirectly(text, language));
}

function parseWithoutSyntaxTree(text: string): ParseResult<DrbdFile> | undefined {
    return withoutErrors(parseLinkedDirectly(text));
}

/** The direct parser's answer as a parse result: it reads only text without an error. */
function withoutErrors(file: DrbdFile | undefined): ParseResult<DrbdFile> | undefined {
    return file && { value: file, parserErrors: [], lexerErrors: [] };
}
