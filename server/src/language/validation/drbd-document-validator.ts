import type { IRecognitionException } from 'chevrotain';
import { DefaultDocumentValidator, type AstNode, type ParseResult, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticCode } from '../../drbd/diagnostic-codes.js';
import { mismatchedIn } from '../../syntax/drbd-parser-errors.js';
import { FollowOnErrors } from './follow-on-errors.js';

/** Only the file node has checks (drbd-validation.ts): its children need not be walked. */
const FILE_ONLY = { validateNode: true, validateChildren: false };

/** A parse error's code: what the parser wanted where it failed, for quick fixes to go by. */
function syntaxCode(error: IRecognitionException): DiagnosticCode {
    return mismatchedIn(error.token, error.message)?.wanted === ';' && error.token.tokenType.name !== 'TOO_LONG' ? 'syntax/expected-semicolon' : 'syntax';
}

/**
 * Langium's parse-error reporting, the first error of each section only (FollowOnErrors), minus
 * the one "error" drbdadm accepts (reported as a warning elsewhere); these and the scanner's
 * errors with their codes. The checks run on the file node alone, not on every node of a large file.
 */
export class DrbdDocumentValidator extends DefaultDocumentValidator {
    protected override processParsingErrors(parseResult: ParseResult<AstNode>, diagnostics: Diagnostic[], options: ValidationOptions): void {
        for (const error of new FollowOnErrors(parseResult).firstErrors) {
            const before = diagnostics.length;
            super.processParsingErrors({ ...parseResult, parserErrors: [error] }, diagnostics, options);
            for (const d of diagnostics.slice(before)) d.code = syntaxCode(error);
        }
    }

    protected override processLexingErrors(parseResult: ParseResult<AstNode>, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const before = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        for (const d of diagnostics.slice(before)) d.code = 'syntax' satisfies DiagnosticCode;
    }

    /** The walk starts at the file node: checking it and pruning there ends the walk. */
    protected override validateSingleNodeOptions(): { validateNode: boolean; validateChildren: boolean } {
        return FILE_ONLY;
    }
}
