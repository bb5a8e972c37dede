import { DefaultDocumentValidator, type AstNode, type ParseResult, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { UNCLOSED_RESOURCE_AT_EOF } from '../drbd-parser-errors.js';

/** Langium's parse-error reporting, minus the one "error" drbdadm accepts (reported as a warning elsewhere). */
export class DrbdDocumentValidator extends DefaultDocumentValidator {
    protected override processParsingErrors(parseResult: ParseResult<AstNode>, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const parserErrors = parseResult.parserErrors.filter((e) => e.message !== UNCLOSED_RESOURCE_AT_EOF);
        super.processParsingErrors({ ...parseResult, parserErrors }, diagnostics, options);
    }
}
