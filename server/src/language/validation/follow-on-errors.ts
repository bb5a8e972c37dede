import type { IRecognitionException } from 'chevrotain';
import type { AstNode, LangiumDocument, ParseResult, TextDocument } from 'langium';
import { AstUtils } from 'langium';
import { locOf } from '../../reader/build/loc.js';
import type { Diagnostic } from '../../drbd/model.js';
import { UNCLOSED_RESOURCE_AT_EOF } from '../../syntax/drbd-parser-errors.js';
import { isComplete } from '../../reader/syntax-diagnostics.js';
import { statementOffset } from '../../syntax/direct-statement-cst.js';
import { isDrbdFile } from '../../syntax/generated/ast.js';

/** Where a syntax error leaves the parser guessing: from the section it is in to the next section. */
interface Region {
    /** Start of the top-level section the error is in. */
    from: number;
    /** Offset of the error. */
    at: number;
    /** Start of the next top-level section after the error (the end of the input when none). */
    to: number;
    /** Ranges (offsets) of the constructs open at the error: findings about them as a whole follow from it. */
    open: Array<[number, number]>;
}

/**
 * One typo, one red squiggle: the first syntax error of a section stays, and so does everything
 * before it; further syntax errors in that section, the builder's findings after it, and those
 * about the constructs it left unfinished (an empty resource name, a duplicate '' section) only
 * follow from the parser's recovery and are dropped. Other sections keep their findings.
 */
export class FollowOnErrors {
    private readonly regions: Region[] = [];
    readonly firstErrors: IRecognitionException[] = [];

    constructor(parseResult: ParseResult<AstNode>) {
        const errors = parseResult.parserErrors.filter((e) => e.message !== UNCLOSED_RESOURCE_AT_EOF);
        if (!errors.length) return;
        const root = parseResult.value;
        const text = root.$document?.textDocument;
        const end = text?.getText().length ?? 0;
        // The top-level sections are the file's statements (those with a place), walked by index:
        // this runs at every keystroke that leaves a syntax error, in files of thousands.
        const statements: readonly AstNode[] = isDrbdFile(root) ? root.statements : [];
        // The parser reports its errors in text order: regions and section starts are walked once.
        let next = 0;
        /** The last section that starts before the error. */
        let section: AstNode | undefined;
        for (const error of errors) {
            const at = Number.isNaN(error.token.startOffset) ? end : error.token.startOffset;
            const last = this.regions.at(-1);
            if (last && last.from <= at && at < last.to) continue;
            for (; next < statements.length; next++) {
                const offset = statementOffset(statements[next]!);
                if (offset === undefined) continue;
                if (offset >= at) break;
                section = statements[next];
            }
            this.firstErrors.push(error);
            let to = end + 1;
            for (let after = next; after < statements.length; after++) {
                const offset = statementOffset(statements[after]!);
                if (offset !== undefined && offset > at) {
                    to = offset;
                    break;
                }
            }
            this.regions.push({
                from: section ? statementOffset(section)! : 0, at, to,
                open: text && section ? openRanges(section, at, text) : [],
            });
        }
    }

    /** Whether a finding of the builder or post-parse only follows from a syntax error. */
    follows(d: Diagnostic, document: LangiumDocument): boolean {
        if (!this.regions.length) return false;
        const start = document.textDocument.offsetAt({ line: d.loc.startLine, character: d.loc.startChar });
        const stop = document.textDocument.offsetAt({ line: d.loc.endLine, character: d.loc.endChar });
        // drbdadm's own parse errors on tokens before the error are real, whatever construct they are on.
        const onOpen = (r: Region) => !/^(syntax|option)\//.test(d.code) && r.open.some(([a, b]) => a === start && b === stop);
        // The last region starting at or before the finding (regions are in text order).
        let lo = 0;
        let hi = this.regions.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.regions[mid]!.from <= start) lo = mid;
            else hi = mid - 1;
        }
        const r = this.regions[lo]!;
        return start >= r.from && start < r.to && (stop > r.at || onOpen(r));
    }
}

/** The section and, at each level below it, the last construct that starts before the error: the ones being read (as the builder locates them). */
function openRanges(section: AstNode, at: number, text: TextDocument): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    for (let open: AstNode | undefined = section; open;) {
        if (!isComplete(open)) {
            const loc = locOf(open, '');
            ranges.push([text.offsetAt({ line: loc.startLine, character: loc.startChar }), text.offsetAt({ line: loc.endLine, character: loc.endChar })]);
        }
        const node: AstNode = open;
        open = undefined;
        for (const child of AstUtils.streamContents(node)) if (child.$cstNode && child.$cstNode.offset < at) open = child;
    }
    return ranges;
}
