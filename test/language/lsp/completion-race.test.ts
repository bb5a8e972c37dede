/** Completion asked right after an edit (Enter, then Ctrl+Space) answers from the edited text. */
import { describe, expect, it } from 'vitest';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { lspSession } from './fixture.js';

const BEFORE = 'resource r0 {\n    net {\n        protocol C;\n    }\n    on alpha { address 10.0.0.1:7788; }\n    on bravo { address 10.0.0.2:7788; }\n}\n';
const AFTER = BEFORE.replace('protocol C;\n', 'protocol C;\n        \n');

describe('completion right after an edit', () => {
    const s = lspSession();

    it('offers net options on the new line without waiting for diagnostics', async () => {
        const uri = s.ws.uri('race.res');
        await s.openAndCheck(uri, BEFORE);
        for (let round = 0; round < 20; round++) {
            await s.client.change(uri, round % 2 ? BEFORE : AFTER);
            if (round % 2) continue;
            const list = await s.client.request<CompletionList | null>('textDocument/completion', {
                textDocument: { uri }, position: { line: 3, character: 8 }, context: { triggerKind: 1 },
            });
            expect(list?.items.map((i) => i.label)).toContain('max-buffers');
        }
    });
});
