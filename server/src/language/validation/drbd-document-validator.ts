import { DefaultDocumentValidator, type AstNode, type ParseResult, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { FollowOnErrors } from './follow-on-errors.js';

/** Only the file node has checks (drbd-validation.ts): its children need not be walked. */
const FILE_ONLY = { validateNode: true, validateChildren: false };

/**
 * Langium's parse-error reporting, the first error of each section only (FollowOnErrors), minus
 * the one "error" drbdadm accepts (reported as a warning elsewhere); the checks run on the file
 * node alone, not on every node of a large file.
 */
export class DrbdDocumentValidator extends DefaultDocumentValidator {
    protected override processParsingErrors(parseResult: ParseResult<AstNode>, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const parserErrors = new FollowOnErrors(parseResult).firstErrors;
        super.processParsingErrors({ ...parseResult, parserErrors }, diagnostics, options);
    }

    /** The walk starts at the file node: checking it and pruning there ends the walk. */
    protected override validateSingleNodeOptions(): { validateNode: boolean; validateChildren: boolean } {
        return FILE_ONLY;
    }
}
