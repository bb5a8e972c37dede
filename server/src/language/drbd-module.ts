import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices,
} from 'langium/lsp';
import { DrbdGeneratedModule, DrbdGeneratedSharedModule } from '../syntax/generated/module.js';
import { DrbdCodeActionProvider } from './lsp/code-actions.js';
import { DrbdCompletionProvider } from './lsp/completion.js';
import { DrbdDocumentSymbolProvider } from './lsp/document-symbols.js';
import { DrbdFoldingRangeProvider } from './lsp/folding-ranges.js';
import { DrbdFormatter } from './lsp/formatter.js';
import { DrbdHoverProvider } from './lsp/hover.js';
import { DrbdDefinitionProvider, DrbdReferencesProvider, DrbdRenameProvider } from './lsp/navigation.js';
import { DrbdSemanticTokenProvider } from './lsp/semantic-tokens.js';
import { drbdParserModule } from '../syntax/drbd-parser.js';
import { tokenNumber } from '../drbd/options/scanner-token.js';
import { UpCodeLensProvider } from './up-plan/up-code-lens.js';
import { ConfigurationValidator } from './validation/configuration-validator.js';
import { DrbdDocumentValidator } from './validation/drbd-document-validator.js';
import { registerValidationChecks } from './validation/drbd-validation.js';
import { DrbdConfigurationProvider } from './workspace/drbd-configuration-provider.js';
import { DrbdConfigurations } from './workspace/drbd-configurations.js';
import { DrbdLangiumDocuments } from './workspace/drbd-langium-documents.js';
import { DrbdDocumentBuilder } from './workspace/drbd-document-builder.js';
import { DrbdDocumentFactory } from './workspace/drbd-document-factory.js';
import { DrbdDocumentUpdateHandler } from './workspace/drbd-document-update-handler.js';
import { DrbdWorkspaceManager } from './workspace/drbd-workspace-manager.js';
import { DrbdServiceRegistry } from '../syntax/drbd-service-registry.js';
import { TargetRelease } from './workspace/target-release.js';
import { DrbdWorkspaceSymbolProvider } from './lsp/workspace-symbols.js';

export interface DrbdAddedServices {
    drbd: {
        Configurations: DrbdConfigurations;
        ConfigurationValidator: ConfigurationValidator;
        TargetRelease: TargetRelease;
    };
}

export type DrbdServices = LangiumServices & DrbdAddedServices;

export const DrbdModule: Module<DrbdServices, PartialLangiumServices & DrbdAddedServices> = {
    lsp: {
        CodeLensProvider: (services) => new UpCodeLensProvider(services),
        CompletionProvider: (services) => new DrbdCompletionProvider(services),
        HoverProvider: (services) => new DrbdHoverProvider(services),
        DocumentSymbolProvider: () => new DrbdDocumentSymbolProvider(),
        DefinitionProvider: (services) => new DrbdDefinitionProvider(services),
        ReferencesProvider: (services) => new DrbdReferencesProvider(services),
        RenameProvider: (services) => new DrbdRenameProvider(services),
        CodeActionProvider: (services) => new DrbdCodeActionProvider(services),
        Formatter: () => new DrbdFormatter(),
        FoldingRangeProvider: () => new DrbdFoldingRangeProvider(),
        SemanticTokenProvider: (services) => new DrbdSemanticTokenProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new DrbdDocumentValidator(services),
    },
    drbd: {
        Configurations: (services) => new DrbdConfigurations(services),
        ConfigurationValidator: (services) => new ConfigurationValidator(services),
        TargetRelease: (services) => new TargetRelease(services),
    },
};

export const DrbdSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    ServiceRegistry: (shared) => new DrbdServiceRegistry(shared),
    lsp: {
        WorkspaceSymbolProvider: (shared) => new DrbdWorkspaceSymbolProvider(shared),
        DocumentUpdateHandler: (shared) => new DrbdDocumentUpdateHandler(shared),
    },
    workspace: {
        ConfigurationProvider: (shared) => new DrbdConfigurationProvider(shared),
        WorkspaceManager: (shared) => new DrbdWorkspaceManager(shared),
        DocumentBuilder: (shared) => new DrbdDocumentBuilder(shared),
        LangiumDocuments: (shared) => new DrbdLangiumDocuments(shared),
        LangiumDocumentFactory: (shared) => new DrbdDocumentFactory(shared),
    },
};

/**
 * The DRBD language services. Works without a connection (CLI, tests): pass
 * `{ ...NodeFileSystem }` as context, plus `connection` for the language server.
 */
export function createDrbdServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Drbd: DrbdServices } {
    const shared = inject(createDefaultSharedModule(context), DrbdGeneratedSharedModule, DrbdSharedModule);
    // The parser services are shared with the CLI's parse-only path (load-config.ts).
    const Drbd = inject(createDefaultModule({ shared }), DrbdGeneratedModule, drbdParserModule(tokenNumber), DrbdModule);
    shared.ServiceRegistry.register(Drbd);
    registerValidationChecks(Drbd);
    return { shared, Drbd };
}
