import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { isResourceSection, type DrbdFile } from '../../syntax/generated/ast.js';
import { statementOffset } from '../../syntax/direct-statement-cst.js';
import { nodeRange } from '../lsp/node-ranges.js';
import type { DrbdServices } from '../drbd-module.js';
import type { DrbdConfigurations } from '../workspace/drbd-configurations.js';

/**
 * "Up plan", "Up" and "Apply" above each resource: the client's commands take `{uri, resource}`.
 * Only where a configuration covers the file: beside a drbd.conf that includes parts, a file
 * nothing includes (e.g. a left-over or example .res) is no part of what a host's drbdadm reads,
 * so it gets a plain note instead. A workspace of loose files (no includes at all) has each file
 * as its own configuration.
 */
export class UpCodeLensProvider implements CodeLensProvider {
    private readonly configurations: DrbdConfigurations;

    constructor(services: DrbdServices) {
        this.configurations = services.drbd.Configurations;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[]> {
        const file = document.parseResult.value as DrbdFile;
        const uri = document.uri.toString();
        const covered = this.covered(document.uri.fsPath);
        return file.statements.filter(isResourceSection).filter((r) => r.name && statementOffset(r) !== undefined).flatMap((resource) => {
            const line = nodeRange(resource).start.line;
            const range = { start: { line, character: 0 }, end: { line, character: 0 } };
            // A lens without a command id is a label the editor does not make clickable.
            if (!covered) return [{ range, command: { title: 'No Up here: no configuration of this workspace includes this file', command: '' } }];
            const args = [{ uri, resource: resource.name }];
            return [
                { range, command: { title: 'Up plan', command: 'drbd.showPlan', arguments: args } },
                { range, command: { title: 'Up', command: 'drbd.up', arguments: args } },
                { range, command: { title: 'Apply', command: 'drbd.apply', arguments: args } },
            ];
        });
    }

    private covered(path: string): boolean {
        const graph = this.configurations.includeGraph();
        if (!graph.includesAnything()) return true;
        const mains = graph.mainFilesOf(path);
        return mains.some((main) => main !== path) || graph.filesOf(path).size > 1;
    }
}
