import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import type { AstNode } from 'langium';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { findOption } from '../../drbd/options/index.js';
import {
    isEndpoint, isHostSection, isMeshHosts, isOptionStatement, isProxySection, isResourceSection, isStackedSection, isWordStatement,
} from '../../syntax/generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';
import { optionSectionOf } from './option-section.js';

/**
 * What the TextMate grammar cannot tell apart: a word that names a host (in `on`, `connection`,
 * `connection-mesh`, `proxy on`) vs an option name vs a resource name, and the words of an
 * option's value that are its enum values.
 */
export class DrbdSemanticTokenProvider extends AbstractSemanticTokenProvider {
    constructor(private readonly drbdServices: DrbdServices) {
        super(drbdServices);
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declaration = SemanticTokenModifiers.declaration;
        if (isResourceSection(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: declaration });
        } else if (isStackedSection(node)) {
            acceptor({ node, property: 'lower', type: SemanticTokenTypes.namespace });
        } else if (isHostSection(node)) {
            node.names.forEach((_, index) => acceptor({ node, property: 'names', index, type: SemanticTokenTypes.variable, modifier: declaration }));
        } else if (isMeshHosts(node) || (isProxySection(node) && node.on)) {
            node.names.forEach((_, index) => acceptor({ node, property: 'names', index, type: SemanticTokenTypes.variable }));
        } else if (isEndpoint(node) && node.kind === 'host' && node.name) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.variable });
        } else if (isOptionStatement(node) || isWordStatement(node)) {
            const section = optionSectionOf(node);
            const option = section && findOption(section, node.name, this.drbdServices.drbd.Configurations.release);
            if (!option) return;
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
            const symbols = option.values ?? option.symbols ?? (option.type === 'boolean' ? ['yes', 'no'] : []);
            if (node.values.length === 1 && symbols.includes(node.values[0]!)) acceptor({ node, property: 'values', index: 0, type: SemanticTokenTypes.enumMember });
        }
    }
}
