import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isResourceSection, type DrbdFile } from '../../syntax/generated/ast.js';

/** "Up plan", "Up" and "Apply" above each resource: the client's commands take `{uri, resource}`. */
export class UpCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[]> {
        const file = document.parseResult.value as DrbdFile;
        const uri = document.uri.toString();
        return file.statements.filter(isResourceSection).filter((r) => r.name && r.$cstNode).flatMap((resource) => {
            const line = resource.$cstNode!.range.start.line;
            const range = { start: { line, character: 0 }, end: { line, character: 0 } };
            const args = [{ uri, resource: resource.name }];
            return [
                { range, command: { title: 'Up plan', command: 'drbd.showPlan', arguments: args } },
                { range, command: { title: 'Up', command: 'drbd.up', arguments: args } },
                { range, command: { title: 'Apply', command: 'drbd.apply', arguments: args } },
            ];
        });
    }
}
