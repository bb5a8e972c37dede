import { AstUtils, type AstNode } from 'langium';
import type { Loc } from '../../drbd/model.js';
import type { DrbdadmLine } from '../../drbd/post-parse/report.js';
import { locOf, locOfKeyword } from './loc.js';

const before = (a: Loc, endLine: number, endChar: number) => a.startLine < endLine || (a.startLine === endLine && a.startChar < endChar);

/**
 * drbdadm_parser.c `c_section_start`: the line where the last section read set it — at the `{`
 * of an option section (__parse_options(), a resource's proxy {} too) or a host section
 * (parse_host_section()), at the keyword of `floating` and `stacked-on-top-of`. Messages about a
 * section that does not set it (pperror() on `proxy on`) name that line.
 */
export function sectionStartLine(node: AstNode, file: string): DrbdadmLine {
    const { endLine, endChar } = locOf(node, file);
    let line = 0;
    for (const n of AstUtils.streamAst(AstUtils.findRootNode(node))) {
        const keyword = setsSectionStart(n);
        if (!keyword || !before(locOf(n, file), endLine, endChar)) continue;
        const at = locOfKeyword(n, keyword, file);
        if (before(at, endLine, endChar)) line = Math.max(line, at.line);
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
