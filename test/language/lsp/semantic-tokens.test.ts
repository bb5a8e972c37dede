import { describe, expect, it } from 'vitest';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { lspSession } from './fixture.js';

const TEXT = `resource r0 {
    net { protocol C; timeout 60; }
    on alpha { address 10.0.0.1:7788; }
    on bravo { address 10.0.0.2:7788; }
    connection { host alpha; host bravo; }
}
`;

describe('semantic tokens', () => {
    const s = lspSession();

    it('tells host names, resource names, option names and enum values apart', async () => {
        const uri = s.ws.uri('r0.res');
        await s.openAndCheck(uri, TEXT);
        const legend = (s.client.capabilities['semanticTokensProvider'] as { legend: SemanticTokensLegend }).legend;
        const lines = TEXT.split('\n');
        const decode = ({ data }: SemanticTokens): string[] => {
            const tokens: string[] = [];
            for (let i = 0, line = 0, char = 0; i < data.length; i += 5) {
                line += data[i]!;
                char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
                tokens.push(`${lines[line]!.slice(char, char + data[i + 2]!)}:${legend.tokenTypes[data[i + 3]!]}`);
            }
            return tokens;
        };
        expect(decode(await s.client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } }))).toEqual([
            'r0:namespace', 'protocol:property', 'C:enumMember', 'timeout:property',
            'alpha:variable', 'bravo:variable', 'alpha:variable', 'bravo:variable',
        ]);
        // A range: the statements without syntax trees of an open document (DirectStatementCst) have their tokens too.
        const range = { start: { line: 2, character: 0 }, end: { line: 4, character: 0 } };
        const inRange = await s.client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range });
        expect(decode(inRange)).toEqual(['alpha:variable', 'bravo:variable']);
    });
});
