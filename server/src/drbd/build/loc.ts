import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, type AstNode, type CstNode } from 'langium';
import type { Loc } from '../model.js';

/** The file an AST node belongs to, as an absolute path (documents are file URIs). */
export function locOfCst(cst: CstNode | undefined, file: string): Loc {
    if (!cst) {
        return { file, line: 0, startLine: 0, startChar: 0, endLine: 0, endChar: 0 };
    }
    const { start, end } = cst.range;
    return { file, line: start.line + 1, startLine: start.line, startChar: start.character, endLine: end.line, endChar: end.character };
}

/** Where a whole construct is. */
export function locOf(node: AstNode, file: string): Loc {
    return locOfCst(node.$cstNode, file);
}

/** Where one property of a construct is (the name token, the value...); the construct if absent. */
export function locOfProperty(node: AstNode, property: string, file: string, index?: number): Loc {
    const cst = node.$cstNode && nodeForProperty(node.$cstNode, property, index ?? 0);
    return locOfCst(cst ?? node.$cstNode, file);
}

/** The property a grammar element assigns to (the grammar is fixed: looked up once per element). */
const assignedFeature = new WeakMap<object, string | undefined>();
function featureOf(cst: CstNode): string | undefined {
    const element = cst.grammarSource;
    if (!element) return undefined;
    if (!assignedFeature.has(element)) assignedFeature.set(element, AstUtils.getContainerOfType(element, GrammarAST.isAssignment)?.feature);
    return assignedFeature.get(element);
}

/**
 * GrammarUtils.findNodeForProperty's answer (the index-th CST node of the property, clamped to
 * the ones there are), without its per-node grammar walk and arrays: the builder asks for
 * thousands of locations per analysis.
 */
function nodeForProperty(root: CstNode, property: string, index: number): CstNode | undefined {
    const wanted = Math.max(0, index);
    let count = 0;
    let last: CstNode | undefined;
    const visit = (node: CstNode, isRoot: boolean): boolean => {
        if (!isRoot && featureOf(node) === property) {
            last = node;
            return count++ === wanted;
        }
        if (isCompositeCstNode(node) && node.astNode === root.astNode) {
            for (const child of node.content) if (visit(child, false)) return true;
        }
        return false;
    };
    visit(root, true);
    return last;
}

/** Where a keyword of a construct is (e.g. the `on` of a host section). */
export function locOfKeyword(node: AstNode, keyword: string, file: string): Loc {
    const cst = node.$cstNode && GrammarUtils.findNodeForKeyword(node.$cstNode, keyword);
    return locOfCst(cst ?? node.$cstNode, file);
}

/** The first line of a construct only: drbdadm points at a section by the line it starts on. */
export function headOf(loc: Loc): Loc {
    return loc.endLine === loc.startLine ? loc : { ...loc, endLine: loc.startLine, endChar: loc.startChar + 1 };
}
