import { existsSync } from 'node:fs';
import { CstUtils, URI, type LangiumDocument } from 'langium';
import type { DefinitionProvider, ReferencesProvider, RenameProvider } from 'langium/lsp';
import {
    ErrorCodes, ResponseError, type DefinitionParams, type Location, type LocationLink, type Range, type ReferenceParams,
    type RenameParams, type TextDocumentPositionParams, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver';
import { DRBD_KEYWORDS } from '../../syntax/drbd-lexer.js';
import { isIncludeStatement, isTemplateFile, type DrbdFile } from '../../syntax/generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';
import { configurationDocuments, includedFiles, templateFile } from './configuration-documents.js';
import { nameSites, sameTarget, siteAt, type NameSite } from './name-sites.js';

interface PlacedSite {
    uri: string;
    site: NameSite;
}

/** The name under the cursor and every site of the same name in the configuration(s) of the document. */
function findSites(services: DrbdServices, document: LangiumDocument, params: TextDocumentPositionParams): { site: NameSite; all: PlacedSite[] } | undefined {
    const { line, character } = params.position;
    const site = siteAt(nameSites(document.parseResult.value as DrbdFile), line, character);
    if (!site) return undefined;
    // Host names belong to one resource, which lives in one file.
    const documents = site.kind === 'host' ? [document] : configurationDocuments(services, document);
    const all = documents.flatMap((doc) => nameSites(doc.parseResult.value as DrbdFile).filter((s) => sameTarget(site, s)).map((s) => ({ uri: doc.uri.toString(), site: s })));
    return { site, all };
}

/** `include` and `template-file` statements open the file(s) they name. */
function fileLinks(document: LangiumDocument, params: TextDocumentPositionParams): LocationLink[] | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
    const node = leaf?.astNode;
    if (!leaf || !node) return undefined;
    const path = document.uri.fsPath;
    const files = isIncludeStatement(node) ? includedFiles(path, node.pattern ?? '')
        : isTemplateFile(node) && node.file ? [templateFile(path, node.file)].filter(existsSync)
        : undefined;
    const start = { line: 0, character: 0 };
    return files?.map((file) => ({
        originSelectionRange: node.$cstNode!.range, targetUri: URI.file(file).toString(),
        targetRange: { start, end: start }, targetSelectionRange: { start, end: start },
    }));
}

/** A host named in `connection`, `connection-mesh` or `proxy on` jumps to its `on` section; a resource name to its `resource` section. */
export class DrbdDefinitionProvider implements DefinitionProvider {
    constructor(private readonly services: DrbdServices) {}

    getDefinition(document: LangiumDocument, params: DefinitionParams): LocationLink[] | undefined {
        const files = fileLinks(document, params);
        if (files) return files;
        const found = findSites(this.services, document, params);
        if (!found) return undefined;
        return found.all.filter((p) => p.site.declaration).map((p) => ({
            originSelectionRange: found.site.range, targetUri: p.uri, targetRange: p.site.range, targetSelectionRange: p.site.range,
        }));
    }
}

export class DrbdReferencesProvider implements ReferencesProvider {
    constructor(private readonly services: DrbdServices) {}

    findReferences(document: LangiumDocument, params: ReferenceParams): Location[] {
        const found = findSites(this.services, document, params);
        if (!found) return [];
        return found.all.filter((p) => params.context.includeDeclaration || !p.site.declaration).map((p) => ({ uri: p.uri, range: p.site.range }));
    }
}

/** A name drbdadm reads as one word (not a keyword, no quoting needed). */
const PLAIN_NAME = /^[a-zA-Z0-9/._-]{1,128}$/;

export class DrbdRenameProvider implements RenameProvider {
    constructor(private readonly services: DrbdServices) {}

    prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        const { line, character } = params.position;
        return siteAt(nameSites(document.parseResult.value as DrbdFile), line, character)?.range;
    }

    rename(document: LangiumDocument, params: RenameParams): WorkspaceEdit | undefined {
        const name = params.newName;
        if (!PLAIN_NAME.test(name) || DRBD_KEYWORDS.has(name)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `'${name}' is not a name drbdadm reads as one word (letters, digits, / . _ -; no keyword).`);
        }
        const found = findSites(this.services, document, params);
        if (!found) return undefined;
        const changes: Record<string, TextEdit[]> = {};
        for (const p of found.all) (changes[p.uri] ??= []).push({ range: p.site.range, newText: name });
        return { changes };
    }
}
