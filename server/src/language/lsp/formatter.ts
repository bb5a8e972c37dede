import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentOnTypeFormattingOptions, FormattingOptions, TextEdit } from 'vscode-languageserver';
import { textChunks, type Chunk } from '../../../../common/src/text-chunks.js';

/**
 * drbd.conf layout: one statement a line, sections indented one level, comments kept where they
 * were (trailing or on their own line), at most one blank line between statements (none after
 * `{` or before `}`). Only the whitespace between chunks changes, never a token, so drbdadm reads
 * the same configuration.
 */
export function formatDrbdText(text: string, indentUnit = '    '): string {
    const lines: string[] = [];
    let current = '';
    let depth = 0;
    /** Words of the statement being written; its continuation lines are indented one more level. */
    let inStatement = false;
    /** A `{`, `}` or `;` ended the line; only a comment on the same source line may still join it. */
    let lineEnded = false;
    let previous: Chunk | undefined;

    const flush = () => {
        if (current) lines.push(current);
        current = '';
        lineEnded = false;
    };
    const append = (piece: string) => {
        current = current ? `${current} ${piece}` : indentUnit.repeat(depth + (inStatement ? 1 : 0)) + piece;
    };

    for (const chunk of textChunks(text)) {
        const sameLine = previous !== undefined && previous.line === chunk.line;
        if (lineEnded && !(chunk.kind === 'comment' && sameLine)) flush();
        if (current === '' && !inStatement && previous && previous.kind !== 'open' && chunk.kind !== 'close' && blankLineBetween(text, previous, chunk)) lines.push('');
        switch (chunk.kind) {
            case 'comment':
                if (current && !sameLine) flush();
                append(chunk.text);
                flush();
                break;
            case 'word':
                append(chunk.text);
                inStatement = true;
                break;
            case 'semi':
                current = current ? current + ';' : indentUnit.repeat(depth + (inStatement ? 1 : 0)) + ';';
                inStatement = false;
                lineEnded = true;
                break;
            case 'open':
                append('{');
                inStatement = false;
                depth++;
                lineEnded = true;
                break;
            case 'close':
                if (current) flush();
                inStatement = false;
                depth = Math.max(0, depth - 1);
                append('}');
                lineEnded = true;
                break;
        }
        previous = chunk;
    }
    flush();
    return lines.length ? `${lines.join('\n')}\n` : '';
}

function blankLineBetween(text: string, a: Chunk, b: Chunk): boolean {
    return /\n[ \t\r]*\n/.test(text.slice(a.end, b.start));
}

function indentUnitOf(options: FormattingOptions): string {
    return options.insertSpaces ? ' '.repeat(options.tabSize) : '\t';
}

/** The whole document as one edit; a document with syntax errors is left alone. */
export class DrbdFormatter implements Formatter {
    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
        if (document.parseResult.parserErrors.length > 0 || document.parseResult.lexerErrors.length > 0) return [];
        const text = document.textDocument.getText();
        const formatted = formatDrbdText(text, indentUnitOf(params.options));
        if (formatted === text) return [];
        return [{ range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) }, newText: formatted }];
    }

    /** A statement depends on its section for its indentation: the whole document is formatted. */
    formatDocumentRange(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
        return this.formatDocument(document, params);
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }
}
