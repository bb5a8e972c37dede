import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { globLikeC, includedPath } from '../../reader/build/include-glob.js';
import { readConfigFile } from '../../reader/load-config.js';
import type { DrbdFile } from '../../syntax/generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';

/**
 * Every file of every configuration `document` is part of (the document first): the open or
 * workspace documents where there are some, otherwise the file parsed from disk (not added to
 * the workspace, so that no diagnostics appear for files the user did not open).
 */
export function configurationDocuments(services: DrbdServices, document: LangiumDocument): LangiumDocument<DrbdFile>[] {
    const paths = new Set([document.uri.fsPath]);
    for (const analysis of services.drbd.Configurations.analysesOf(document)) for (const file of analysis.files) paths.add(file.path);
    const out: LangiumDocument<DrbdFile>[] = [];
    for (const path of paths) {
        const uri = URI.file(path);
        let doc = services.shared.workspace.LangiumDocuments.getDocument(uri);
        if (!doc) {
            const text = readConfigFile(path);
            if (typeof text !== 'string') continue;
            doc = services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        }
        if (doc.parseResult.value.$type === 'DrbdFile') out.push(doc as LangiumDocument<DrbdFile>);
    }
    return out;
}

/** The directory drbdadm resolves `include` and `template-file` against (symlinks followed). */
function baseDir(file: string): string {
    try {
        return dirname(realpathSync(file));
    } catch {
        return dirname(file);
    }
}

/** The files an `include` pattern names now, as drbdadm globs it. */
export function includedFiles(file: string, pattern: string): string[] {
    const dir = baseDir(file);
    return globLikeC(pattern, dir).map((p) => includedPath(dir, p));
}

/** The file a `template-file` statement names. */
export function templateFile(file: string, name: string): string {
    return resolve(baseDir(file), name);
}
