import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import type { DrbdadmLine } from '../../drbd/post-parse/report.js';
import { locOfCst } from './loc.js';

/**
 * drbdadm_parser.c `c_section_start`: the line where the last section read set it — at the `{`
 * of an option section (__parse_options(), a resource's proxy {} too) or a host section
 * (parse_host_section()), at the keyword of `floating` and `stacked-on-top-of`. Messages about a
 * section that does not set it (pperror() on `proxy on`) name that line.
 */
export function sectionStartLine(node: AstNode, file: string): DrbdadmLine {
    const end = node.$cstNode?.end ?? 0;
    let line = 0;
    for (const n of AstUtils.streamAst(AstUtils.findRootNode(node))) {
        const cst = n.$cstNode;
        if (!cst || cst.offset >= end) continue;
        const keyword = setsSectionStart(n);
        const at = keyword && GrammarUtils.findNodeForKeyword(cst, keyword);
        if (at && at.offset < end) line = Math.max(line, locOfCst(at, file).line);
    }
    return { file, line };
}

function setsSectionStart(n: AstNode): string | undefined {
    switch (n.$type) {
        case 'OptionsSection': case 'ProxyOptions': case 'HostSection': case 'ThisHostSection':
            return '{';
        case 'ProxySection':
            return (n as AstNode & { on?: boolean }).on ? undefined : '{';
        case 'FloatingSection':
            return 'floating';
        case 'StackedSection':
            return 'stacked-on-top-of';
        default:
            return undefined;
    }
}
