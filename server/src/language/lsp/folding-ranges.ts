import { AstUtils, type LangiumDocument } from 'langium';
import type { FoldingRangeProvider } from 'langium/lsp';
import type { FoldingRange } from 'vscode-languageserver';
import { nodeRange } from './node-ranges.js';

/**
 * A fold for each construct over three lines or more, up to the line before its closing brace
 * (the brace stays in sight), as Langium's provider folds; but from where constructs are, not
 * from syntax trees: the statements of an open document that nobody walked into have none (see
 * DirectStatementCst), and reading them all for folds would make them all. drbd.conf's comments
 * are single lines: no folds of their own.
 */
export class DrbdFoldingRangeProvider implements FoldingRangeProvider {
    getFoldingRanges(document: LangiumDocument): FoldingRange[] {
        const text = document.textDocument;
        const folds: FoldingRange[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            const { start, end } = nodeRange(node);
            if (end.line - start.line < 2) continue;
            const brace = end.character > 0 && text.getText({ start: { line: end.line, character: end.character - 1 }, end }) === '}';
            const last = brace ? text.positionAt(text.offsetAt({ line: end.line, character: 0 }) - 1) : end;
            folds.push({ startLine: start.line, startCharacter: start.character, endLine: last.line, endCharacter: last.character });
        }
        return folds;
    }
}
