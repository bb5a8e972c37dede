import { CstUtils, GrammarAST, GrammarUtils, type CstNode, type LangiumDocument } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { convertValue, findOption, optionDoc, releasesLine, releasesWithOption, type OptionSection, valueDoc } from '../../drbd/options/index.js';
import type { ReleaseVersion } from '../../drbd/release.js';
import { isOptionStatement, isResourceSection, isWordStatement, type DrbdFile } from '../../syntax/generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';
import { hostMarkdown } from './host-hover.js';
import { KEYWORD_DOCS } from './keyword-docs.js';
import { nameSites, siteAt } from './name-sites.js';
import { nodeIdMarkdown } from './node-id-hover.js';
import { optionSectionOf } from './option-section.js';

/** The only option whose value must never be shown (it is a password). */
const SECRET_OPTION = 'shared-secret';

/** On an option name its documentation; on its value what that value means, or the value in the option's unit. */
function optionHover(leaf: CstNode, release: ReleaseVersion): string | undefined {
    const node = leaf.astNode;
    if (!isOptionStatement(node) && !isWordStatement(node)) return undefined;
    const section = optionSectionOf(node);
    if (!section) return undefined;
    const doc = optionDoc(section, node.name, release);
    const nameCst = node.$cstNode && GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
    if (nameCst?.offset === leaf.offset) return doc || notAnOption(section, node.name, release);
    const index = node.values.findIndex((_, i) => GrammarUtils.findNodeForProperty(node.$cstNode, 'values', i)?.offset === leaf.offset);
    if (index < 0 || !doc) return undefined;
    if (findOption(section, node.name, release)?.name === SECRET_OPTION) return `The value of \`${SECRET_OPTION}\` is not shown.\n\n${doc}`;
    const value = node.values[index]!;
    const meaning = valueDoc(findOption(section, node.name, release)?.name ?? node.name, value);
    if (meaning) return `\`${node.name} ${value}\`: ${meaning}\n\n${doc}`;
    const converted = convertValue(section, node.name, value, release);
    return converted ? `\`${node.name} ${value}\` = **${converted.text}**\n\n${doc}` : doc;
}

/** A name the target release does not know here: whether another release does, and which. */
function notAnOption(section: OptionSection, name: string, release: ReleaseVersion): string {
    if (releasesWithOption(section, name).length === 0) return `\`${name}\` is not an option of a \`${section} {}\` section.`;
    return `\`${name}\` is not an option of a \`${section} {}\` section in drbd-utils ${release}, the release this configuration is checked as.\n\n${releasesLine(section, name)}`;
}

function keywordHover(leaf: CstNode): string | undefined {
    return GrammarAST.isKeyword(leaf.grammarSource) ? KEYWORD_DOCS[leaf.text] : undefined;
}

/**
 * Options: documentation and converted values. The name of a host section (`on alpha`): that
 * host's node-id, addresses, volumes and connections. Resource names, other uses of host names
 * and `connection` keywords: the node-ids drbdadm computes for the resource and the connections
 * it derives. Other keywords: a short explanation.
 */
export class DrbdHoverProvider implements HoverProvider {
    constructor(private readonly services: DrbdServices) {}

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        if (!leaf) return undefined;
        const markdown = optionHover(leaf, this.services.drbd.Configurations.release) ?? this.nodeIdHover(document, params, leaf) ?? keywordHover(leaf);
        return markdown ? { contents: { kind: 'markdown', value: markdown }, range: leaf.range } : undefined;
    }

    private nodeIdHover(document: LangiumDocument, params: HoverParams, leaf: CstNode): string | undefined {
        const { line, character } = params.position;
        const site = siteAt(nameSites(document.parseResult.value as DrbdFile), line, character);
        const analyses = this.services.drbd.Configurations.analysesOf(document);
        if (site?.kind === 'host' && site.declaration && site.resource !== undefined) {
            const host = hostMarkdown(analyses, site.resource, site.name);
            if (host) return host;
        }
        const isConnectionKeyword = GrammarAST.isKeyword(leaf.grammarSource) && ['connection', 'connection-mesh'].includes(leaf.text);
        const resource = site ? site.resource ?? site.name
            : isConnectionKeyword && isResourceSection(leaf.astNode.$container) ? leaf.astNode.$container.name
            : undefined;
        if (resource === undefined) return undefined;
        const nodeIds = nodeIdMarkdown(analyses, resource);
        const keyword = isConnectionKeyword ? KEYWORD_DOCS[leaf.text] : undefined;
        return nodeIds && keyword ? `${keyword}\n\n${nodeIds}` : nodeIds ?? keyword;
    }
}
