import { AstUtils, type AstNode } from 'langium';
import type { Range } from 'vscode-languageserver';
import type { Loc } from '../../drbd/model.js';
import { locOf, locOfProperty } from '../../reader/build/loc.js';

/**
 * Where constructs are, for the editor: from their syntax tree, or from the token positions of
 * those read without one (a closed document, the statements of an open one nobody walked into:
 * see DrbdDocumentFactory).
 */
export function rangeOf(loc: Loc): Range {
    return { start: { line: loc.startLine, character: loc.startChar }, end: { line: loc.endLine, character: loc.endChar } };
}

export function nodeRange(node: AstNode): Range {
    return rangeOf(locOf(node, ''));
}

/** The index-th value of `property` (clamped to the values there are); the node itself when it has none. */
export function propertyRange(node: AstNode, property: string, index?: number): Range {
    return rangeOf(locOfProperty(node, property, '', index));
}

/** The text at `range` of the document `node` is in. */
export function textAt(node: AstNode, range: Range): string {
    return AstUtils.getDocument(node).textDocument.getText(range);
}
