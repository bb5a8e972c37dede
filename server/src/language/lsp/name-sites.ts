import { AstUtils, type AstNode } from 'langium';
import type { Range } from 'vscode-languageserver';
import {
    isEndpoint, isHostSection, isMeshHosts, isOptionStatement, isProxySection, isResourceSection, isStackedSection,
    type DrbdFile, type ResourceSection,
} from '../../syntax/generated/ast.js';
import { propertyRange, textAt } from './node-ranges.js';
import { optionSectionOf } from './option-section.js';

/**
 * Where resource and host names are declared and used. The grammar has no cross-references:
 * drbdadm matches these names as text, resource names across the whole configuration and host
 * names within one resource.
 */
export interface NameSite {
    kind: 'resource' | 'host';
    name: string;
    /** For hosts: the resource the name belongs to. */
    resource?: string;
    /** The name's text (without quotes when it is a quoted string). */
    range: Range;
    /** `resource NAME`, `on NAME`; otherwise a use (connection, mesh, proxy, stacked, resync-after). */
    declaration: boolean;
}

/** Where a name is (it is there: the callers check); of a quoted name, what is between the quotes. */
function nameRange(node: AstNode, property: string, index?: number): Range {
    const range = propertyRange(node, property, index);
    const text = textAt(node, range);
    if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) {
        const { start, end } = range;
        return { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } };
    }
    return range;
}

function hostSites(res: ResourceSection): NameSite[] {
    const sites: NameSite[] = [];
    const add = (node: AstNode, property: string, name: string | undefined, declaration: boolean, index?: number) => {
        if (name) sites.push({ kind: 'host', name, resource: res.name, range: nameRange(node, property, index), declaration });
    };
    for (const node of AstUtils.streamAllContents(res)) {
        if (isHostSection(node)) node.names.forEach((n, i) => add(node, 'names', n, true, i));
        else if (isMeshHosts(node)) node.names.forEach((n, i) => add(node, 'names', n, false, i));
        else if (isProxySection(node) && node.on) node.names.forEach((n, i) => add(node, 'names', n, false, i));
        else if (isEndpoint(node) && node.kind === 'host') add(node, 'name', node.name, false);
    }
    return sites;
}

/** The resource part of `resync-after RES[/VNR]`, when written as a plain word. */
function resyncAfterSite(node: AstNode): NameSite | undefined {
    if (!isOptionStatement(node) || !['resync-after', 'after'].includes(node.name) || !optionSectionOf(node)) return undefined;
    const name = node.values[0]?.split('/')[0];
    if (!name) return undefined;
    const range = propertyRange(node, 'values', 0);
    if (textAt(node, range).startsWith('"')) return undefined;
    const { start } = range;
    return { kind: 'resource', name, range: { start, end: { line: start.line, character: start.character + name.length } }, declaration: false };
}

/** The AST of a document is replaced on every edit, so it is a safe cache key. */
const sitesOfFile = new WeakMap<DrbdFile, NameSite[]>();

export function nameSites(file: DrbdFile): readonly NameSite[] {
    let sites = sitesOfFile.get(file);
    if (!sites) {
        sites = collectNameSites(file);
        sitesOfFile.set(file, sites);
    }
    return sites;
}

function collectNameSites(file: DrbdFile): NameSite[] {
    const sites: NameSite[] = [];
    for (const node of AstUtils.streamAllContents(file)) {
        if (isResourceSection(node)) {
            if (node.name) sites.push({ kind: 'resource', name: node.name, range: nameRange(node, 'name'), declaration: true });
            sites.push(...hostSites(node));
        } else if (isStackedSection(node)) {
            if (node.lower) sites.push({ kind: 'resource', name: node.lower, range: nameRange(node, 'lower'), declaration: false });
        } else {
            const site = resyncAfterSite(node);
            if (site) sites.push(site);
        }
    }
    return sites;
}

function contains(range: Range, line: number, character: number): boolean {
    const { start, end } = range;
    if (line < start.line || line > end.line) return false;
    if (line === start.line && character < start.character) return false;
    return !(line === end.line && character > end.character);
}

/** The site under the cursor. */
export function siteAt(sites: readonly NameSite[], line: number, character: number): NameSite | undefined {
    return sites.find((s) => contains(s.range, line, character));
}

/** Sites naming the same thing as `site` (same resource, or same host of the same resource). */
export function sameTarget(site: NameSite, other: NameSite): boolean {
    return site.kind === other.kind && site.name === other.name && site.resource === other.resource;
}
