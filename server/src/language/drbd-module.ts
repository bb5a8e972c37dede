import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
} from 'langium/lsp';
import { DrbdGeneratedModule, DrbdGeneratedSharedModule } from './generated/module.js';
import { DrbdLexer } from './drbd-lexer.js';
import { DrbdParserErrorMessageProvider } from './drbd-parser-errors.js';
import { DrbdValueConverter } from './drbd-value-converter.js';

export type DrbdServices = LangiumServices;

export const DrbdModule: Module<DrbdServices, PartialLangiumServices> = {
    parser: {
        Lexer: (services) => new DrbdLexer(services),
        ValueConverter: () => new DrbdValueConverter(),
        ParserErrorMessageProvider: () => new DrbdParserErrorMessageProvider(),
    },
};

/**
 * The DRBD language services. Works without a connection (CLI, tests): pass
 * `{ ...NodeFileSystem }` as context, plus `connection` for the language server.
 */
export function createDrbdServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Drbd: DrbdServices } {
    const shared = inject(createDefaultSharedModule(context), DrbdGeneratedSharedModule);
    const Drbd = inject(createDefaultModule({ shared }), DrbdGeneratedModule, DrbdModule);
    shared.ServiceRegistry.register(Drbd);
    return { shared, Drbd };
}
