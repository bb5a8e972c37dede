import type { Analysis } from '../../reader/analyze.js';
import { explainNodeIds, type NodeIdExplanation } from '../../drbd/post-parse/index.js';

function idCell(h: NodeIdExplanation): string {
    switch (h.source) {
        case 'explicit': return `${h.nodeId} | \`node-id\` in the section`;
        case 'implicit': return `${h.nodeId} | ${h.reason}`;
        case 'missing': return `— | none: drbdadm fails with \`'node-id' keyword missing\``;
    }
}

/**
 * Markdown: the node-id drbdadm uses for every host section of `resource` and why, and the
 * connections (with their paths) it derives. Undefined when the configuration has no such resource.
 */
export function nodeIdMarkdown(analyses: readonly Analysis[], resource: string): string | undefined {
    const analysis = analyses.find((a) => a.config.resources.some((r) => r.name === resource));
    if (!analysis) return undefined;
    const title = `**Resource ${resource}: node-ids as drbdadm computes them**`;
    if (!analysis.postParsed) return `${title}\n\ndrbdadm stops at the syntax errors of this configuration before it computes node-ids.`;
    const explained = explainNodeIds(analysis.config, resource);
    if (!explained) return undefined;
    const rows = explained.hosts.map((h) => `| ${h.section} | ${idCell(h)} |`);
    const lines = [title, '', '| host section | node-id | why |', '|---|---|---|', ...rows, ''];
    if (explained.connections.length === 0) {
        lines.push('No connections: drbdadm configures no peers for this resource.');
    } else {
        lines.push('**Connections**', '');
        for (const c of explained.connections) {
            const paths = c.endpoints.map((e) => e.join(' ↔ ')).join('; ');
            lines.push(`- ${c.implicit ? 'implicit (derived by drbdadm)' : 'explicit'}: ${paths || '(no path)'}`);
        }
    }
    return lines.join('\n');
}
