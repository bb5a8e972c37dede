import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor, type SemanticTokenPropertyOptions } from 'langium/lsp';
import { AstUtils, interruptAndCheck, type AstNode, type LangiumDocument } from 'langium';
import { SemanticTokenModifiers, SemanticTokenTypes, type CancellationToken } from 'vscode-languageserver';
import { isDirect } from '../../syntax/direct-parser.js';
import { findOption } from '../../drbd/options/index.js';
import {
    isEndpoint, isHostSection, isMeshHosts, isOptionStatement, isProxySection, isResourceSection, isStackedSection, isWordStatement,
} from '../../syntax/generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';
import { optionSectionOf } from './option-section.js';
import { propertyRange } from './node-ranges.js';

/**
 * What the TextMate grammar cannot tell apart: a word that names a host (in `on`, `connection`,
 * `connection-mesh`, `proxy on`) vs an option name vs a resource name, and the words of an
 * option's value that are its enum values.
 */
export class DrbdSemanticTokenProvider extends AbstractSemanticTokenProvider {
    constructor(private readonly drbdServices: DrbdServices) {
        super(drbdServices);
    }

    /**
     * Every node: Langium's range filter reads syntax trees, which the directly parsed statements
     * of an open document do without (DirectStatementCst); highlightToken keeps what is in the range.
     */
    protected override async computeHighlighting(document: LangiumDocument, acceptor: SemanticTokenAcceptor, cancelToken: CancellationToken): Promise<void> {
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            await interruptAndCheck(cancelToken);
            this.highlightElement(node, acceptor);
        }
    }

    /** A directly parsed node's property: from its tokens. */
    protected override highlightProperty<N extends AstNode>(options: SemanticTokenPropertyOptions<N>): void {
        if (!isDirect(options.node)) return super.highlightProperty(options);
        const { node, property, index, type, modifier } = options;
        this.highlightToken({ range: propertyRange(node, property as string, index), type, modifier });
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
