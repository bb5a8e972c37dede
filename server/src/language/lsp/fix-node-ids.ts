import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver';
import type { Analysis } from '../../reader/analyze.js';
import type { HostInfo, Resource } from '../../drbd/model.js';
import type { ResourceSection } from '../../syntax/generated/ast.js';

/**
 * Node-ids for the host sections of a resource that have none written: the id drbdadm derived
 * when it derived one, else the lowest id no other host of the resource uses.
 */
export function plannedNodeIds(hosts: readonly HostInfo[]): Map<HostInfo, number> {
    const used = new Set(hosts.filter((h) => h.nodeId !== undefined).map((h) => Number(h.nodeId)));
    const planned = new Map<HostInfo, number>();
    let next = 0;
    for (const host of hosts) {
        if (host.nodeIdLoc !== undefined || host.implicit) continue;
        if (host.nodeId !== undefined) {
            planned.set(host, Number(host.nodeId));
            continue;
        }
        while (used.has(next)) next++;
        used.add(next);
        planned.set(host, next);
    }
    return planned;
}

/** The model of resource `node` in the analysis that read this document. */
export function resourceModel(analyses: readonly Analysis[], node: ResourceSection, file: string): Resource | undefined {
    for (const analysis of analyses) {
        if (!analysis.postParsed) continue;
        const found = analysis.config.resources.find((r) => r.name === node.name && r.loc.file === file);
        if (found) return found;
    }
    return undefined;
}

function lineIndent(document: LangiumDocument, line: number): string {
    const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return /^[ \t]*/.exec(text)![0];
}

/** One statement as the first line of a section body, laid out like the section. */
function insertFirstInSection(document: LangiumDocument, section: AstNode, statement: string): TextEdit | undefined {
    const cst = section.$cstNode;
    const open = cst && GrammarUtils.findNodeForKeyword(cst, '{');
    if (!cst || !open) return undefined;
    const at = open.range.end;
    if (cst.range.end.line === open.range.start.line) return { range: { start: at, end: at }, newText: ` ${statement}` };
    return { range: { start: at, end: at }, newText: `\n${lineIndent(document, cst.range.start.line)}    ${statement}` };
}

/** `node-id N;` edits for the planned ids, each in the section that lacks it. */
export function nodeIdEdits(document: LangiumDocument, resource: ResourceSection, planned: Map<HostInfo, number>): TextEdit[] {
    const edits: TextEdit[] = [];
    for (const [host, id] of planned) {
        const section = resource.statements.find((s) => {
            const start = s.$cstNode?.range.start;
            return start?.line === host.loc.startLine && start.character === host.loc.startChar;
        });
        const edit = section && insertFirstInSection(document, section, `node-id ${id};`);
        if (edit) edits.push(edit);
    }
    return edits;
}

/** A `connection-mesh` naming every host section, before the resource's closing brace. */
export function meshEdit(document: LangiumDocument, resource: ResourceSection): TextEdit | undefined {
    const hosts = resource.statements.filter((s) => s.$type === 'HostSection' || s.$type === 'FloatingSection' || s.$type === 'StackedSection');
    if (hosts.some((h) => h.$type !== 'HostSection')) return undefined;
    const names = hosts.map((h) => (h.$type === 'HostSection' ? h.names[0] : ''));
    const cst = resource.$cstNode;
    const closes = cst ? GrammarUtils.findNodesForKeyword(cst, '}') : [];
    const close = closes[closes.length - 1];
    if (!cst || !close) return undefined;
    const outer = lineIndent(document, cst.range.start.line);
    const inner = `${outer}    `;
    const atLineStart = document.textDocument.getText({ start: { line: close.range.start.line, character: 0 }, end: close.range.start }).trim() === '';
    if (!atLineStart) {
        return { range: { start: close.range.start, end: close.range.start }, newText: `connection-mesh { hosts ${names.join(' ')}; } ` };
    }
    const at = { line: close.range.start.line, character: 0 };
    return { range: { start: at, end: at }, newText: `${inner}connection-mesh {\n${inner}    hosts ${names.join(' ')};\n${inner}}\n` };
}
