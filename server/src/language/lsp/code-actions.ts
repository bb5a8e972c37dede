import { AstUtils, CstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { DiagnosticCode, DiagnosticData, DuplicateCode } from '../../drbd/diagnostic-codes.js';
import { boundInUnit, findOption, releasesWithOption, userOptionNames } from '../../drbd/options/index.js';
import { compareReleases, KNOWN_RELEASES, type ReleaseVersion } from '../../drbd/release.js';
import { SetUtilsVersionCommand } from '../../../../common/src/protocol.js';
import { isOptionStatement, isResourceSection, isWordStatement, type DrbdFile, type ResourceSection } from '../../syntax/generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';
import { closest } from './closest.js';
import { meshEdit, nodeIdEdits, plannedNodeIds, resourceModel } from './fix-node-ids.js';
import { optionSectionOf } from './option-section.js';
import { textChunks, type Chunk } from '../../../../common/src/text-chunks.js';

interface FixContext {
    document: LangiumDocument<DrbdFile>;
    services: DrbdServices;
    diagnostic: Diagnostic;
}

type Fix = (ctx: FixContext) => CodeAction[];

/** The facts a diagnostic of code C carries (they come back from the client: unchecked JSON, hence Partial). */
function dataOf<C extends keyof DiagnosticData>(diagnostic: Diagnostic): Partial<DiagnosticData[C]> {
    const data: unknown = diagnostic.data;
    return typeof data === 'object' && data !== null ? data : {};
}

function action(ctx: FixContext, title: string, edits: TextEdit[], isPreferred = false): CodeAction {
    return {
        title, kind: CodeActionKind.QuickFix, diagnostics: [ctx.diagnostic], isPreferred,
        edit: { changes: { [ctx.document.uri.toString()]: edits } },
    };
}

function leafAt(ctx: FixContext): CstNode | undefined {
    const root = ctx.document.parseResult.value.$cstNode;
    return root && CstUtils.findLeafNodeAtOffset(root, ctx.document.textDocument.offsetAt(ctx.diagnostic.range.start));
}

function resourceAt(ctx: FixContext): ResourceSection | undefined {
    const node = leafAt(ctx)?.astNode;
    return node && AstUtils.getContainerOfType(node, isResourceSection);
}

/** node-id missing: write an id into every host section of the resource that has none. */
const addNodeIds: Fix = (ctx) => {
    const resource = resourceAt(ctx);
    const model = resource && resourceModel(ctx.services.drbd.Configurations.analysesOf(ctx.document), resource, ctx.document.uri.fsPath);
    if (!resource || !model) return [];
    const edits = nodeIdEdits(ctx.document, resource, plannedNodeIds(model.allHosts));
    return edits.length ? [action(ctx, `Add node-ids to the host sections of resource ${resource.name}`, edits, true)] : [];
};

/** More than two `on` sections and no connection: connect them all with a mesh (and give them node-ids). */
const addMesh: Fix = (ctx) => {
    const resource = resourceAt(ctx);
    const model = resource && resourceModel(ctx.services.drbd.Configurations.analysesOf(ctx.document), resource, ctx.document.uri.fsPath);
    const mesh = resource && meshEdit(ctx.document, resource);
    if (!resource || !model || !mesh) return [];
    const edits = [...nodeIdEdits(ctx.document, resource, plannedNodeIds(model.allHosts)), mesh];
    return [action(ctx, `Connect all hosts of resource ${resource.name} with a connection-mesh`, edits, true)];
};

/** `';' expected`: the statement before the reported token lacks its semicolon. */
const addSemicolon: Fix = (ctx) => {
    const offset = ctx.document.textDocument.offsetAt(ctx.diagnostic.range.start);
    let before: Chunk | undefined;
    for (const chunk of textChunks(ctx.document.textDocument.getText())) {
        if (chunk.end > offset) break;
        if (chunk.kind !== 'comment') before = chunk;
    }
    if (!before || before.kind !== 'word') return [];
    const at = ctx.document.textDocument.positionAt(before.end);
    return [action(ctx, "Add the missing ';'", [{ range: { start: at, end: at }, newText: ';' }], true)];
};

function optionAt(ctx: FixContext) {
    const node = leafAt(ctx)?.astNode;
    if (!node || !(isOptionStatement(node) || isWordStatement(node))) return undefined;
    const section = optionSectionOf(node);
    return section ? { node, section } : undefined;
}

function propertyRange(node: AstNode, property: string, index?: number): Range | undefined {
    return node.$cstNode && GrammarUtils.findNodeForProperty(node.$cstNode, property, index)?.range;
}

/** An option name the section does not know: the nearest names it does. */
const closestOption: Fix = (ctx) => {
    const found = optionAt(ctx);
    const range = found && propertyRange(found.node, 'name');
    if (!found || !range) return [];
    return closest(found.node.name, userOptionNames(found.section, ctx.services.drbd.Configurations.release)).map((name, i) =>
        action(ctx, `Replace with '${name}'`, [{ range, newText: name }], i === 0));
};

/** A value out of range goes to the bound it is beyond; an unknown enum value to the nearest allowed one. */
const fixValue: Fix = (ctx) => {
    const found = optionAt(ctx);
    const option = found && findOption(found.section, found.node.name, ctx.services.drbd.Configurations.release);
    const range = found && propertyRange(found.node, 'values', 0);
    const value = found?.node.values[0];
    if (!option || !range || value === undefined) return [];
    const side = dataOf<'option/value'>(ctx.diagnostic).bound;
    if ((side === 'max' || side === 'min') && option[side] !== undefined) {
        // In the unit the value was written in: `9G` beyond 8388608 KiB becomes `8G`.
        const text = boundInUnit(value, option.type === 'numeric' ? option.unitPrefix ?? '1' : '1', option, side);
        return [action(ctx, `Clamp to ${text}`, [{ range, newText: text }], true)];
    }
    const allowed = option.type === 'boolean' ? ['yes', 'no'] : option.values ?? option.symbols ?? [];
    return closest(value, allowed).map((v, i) => action(ctx, `Replace with '${v}'`, [{ range, newText: v }], i === 0));
};

/** The later of two statements drbdadm allows once: delete it (whole lines when it has them alone). */
const removeDuplicate: Fix = (ctx) => {
    if (dataOf<DuplicateCode>(ctx.diagnostic).use !== 'again') return [];
    const { start, end } = ctx.diagnostic.range;
    const node = AstUtils.streamAst(ctx.document.parseResult.value).find((n) => {
        const r = n.$cstNode?.range;
        return r?.start.line === start.line && r.start.character === start.character && r.end.line === end.line && r.end.character === end.character;
    });
    if (!node?.$cstNode) return [];
    const text = ctx.document.textDocument;
    const lineStart = { line: start.line, character: 0 };
    const nextLine = { line: end.line + 1, character: 0 };
    const alone = text.getText({ start: lineStart, end: start }).trim() === '' && text.getText({ start: end, end: nextLine }).trim() === '';
    const range = alone ? { start: lineStart, end: nextLine } : { start, end };
    return [action(ctx, `Remove the duplicate '${node.$cstNode.text.split(/\s/)[0]}'`, [{ range, newText: '' }], true)];
};

/**
 * An option that the target release lacks and another release has: check the workspace as the
 * release the finding names (`data.since`), else the nearest release that has the option. Not
 * preferred: it changes the setting `drbd.utilsVersion`, not this text.
 */
const checkAsRelease: Fix = (ctx) => {
    const since: unknown = dataOf<'option/other-release'>(ctx.diagnostic).since;
    const release = typeof since === 'string' && KNOWN_RELEASES.includes(since) ? since : nearestReleaseWith(ctx);
    if (!release) return [];
    const title = `Check as drbd-utils ${release}`;
    return [{ title, kind: CodeActionKind.QuickFix, diagnostics: [ctx.diagnostic], command: { title, command: SetUtilsVersionCommand, arguments: [release] } }];
};

/** Of the releases that have the option at the diagnostic, the first newer than the target, else the newest older one. */
function nearestReleaseWith(ctx: FixContext): ReleaseVersion | undefined {
    const found = optionAt(ctx);
    if (!found) return undefined;
    const target = ctx.services.drbd.Configurations.release;
    const have = releasesWithOption(found.section, found.node.name);
    return have.find((r) => compareReleases(r, target) > 0) ?? have.at(-1);
}

/** Duplicates of statements and option sections; a second `on` or `resource` section is not simply dropped. */
const REMOVABLE_DUPLICATES: readonly DuplicateCode[] = [
    'global-section/duplicate', 'address-statement/duplicate', 'disk-statement/duplicate', 'device-statement/duplicate',
    'meta-disk-statement/duplicate', 'node-id-statement/duplicate', 'protocol-statement/duplicate', 'proxy-section/duplicate',
    'disk-section/duplicate', 'net-section/duplicate', 'syncer-section/duplicate', 'startup-section/duplicate',
    'handlers-section/duplicate', 'resource-options-section/duplicate',
];

const FIXES: Readonly<Partial<Record<DiagnosticCode, Fix>>> = {
    'node-id/missing': addNodeIds,
    'node-id/missing-why': addNodeIds,
    'connection/implicit-more-than-two-hosts': addMesh,
    'connection/implicit-more-than-two-hosts-consequence': addMesh,
    'syntax/expected-semicolon': addSemicolon,
    'option/unknown': closestOption,
    'option/value': fixValue,
    'option/other-release': checkAsRelease,
    ...Object.fromEntries(REMOVABLE_DUPLICATES.map((code) => [code, removeDuplicate])),
};

/** Two diagnostics of one finding (a message and its editor hint) offer the same fix: once is enough. */
function sameAction(a: CodeAction, b: CodeAction): boolean {
    return a.title === b.title && JSON.stringify(a.edit) === JSON.stringify(b.edit) && JSON.stringify(a.command) === JSON.stringify(b.command);
}

/** Quick fixes keyed on the diagnostics' codes alone; their facts come in `Diagnostic.data`. */
export class DrbdCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: DrbdServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const doc = document as LangiumDocument<DrbdFile>;
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            // The fixes read the syntax tree of the statement the diagnostic is in: walking to it makes it.
            leafAt({ document: doc, services: this.services, diagnostic });
            const code = diagnostic.code;
            // Codes come from the client: only the table's own keys (not `constructor` and the like).
            const fix = typeof code === 'string' && Object.hasOwn(FIXES, code) ? FIXES[code as DiagnosticCode] : undefined;
            for (const found of fix?.({ document: doc, services: this.services, diagnostic }) ?? []) {
                const twin = actions.find((a) => sameAction(a, found));
                if (twin) twin.diagnostics!.push(...found.diagnostics!);
                else actions.push(found);
            }
        }
        return actions;
    }
}
