import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { formatDrbdText } from '../../../server/src/language/lsp/formatter.js';
import { configText } from '../../drbd/post-parse/gen-config.js';
import { drbdadm } from '../../drbd/post-parse/oracle.js';
import { applyEdits, lspSession } from './fixture.js';

const MESSY = `# main config
global {usage-count no;}   # no counting
resource r0 { net { protocol C; # fast
  timeout
     60; }

    device minor 1; disk /dev/sdb1;
  meta-disk /dev/sdm [0];
on alpha { address ipv6 [fd00::1]:7788; node-id 0; }
    on bravo{address 10.0.0.2:7788;node-id 1;}


   # the mesh
 connection-mesh { hosts alpha bravo; }
}
`;

const FORMATTED = `# main config
global {
    usage-count no;
} # no counting
resource r0 {
    net {
        protocol C; # fast
        timeout 60;
    }

    device minor 1;
    disk /dev/sdb1;
    meta-disk /dev/sdm [0];
    on alpha {
        address ipv6 [fd00::1]:7788;
        node-id 0;
    }
    on bravo {
        address 10.0.0.2:7788;
        node-id 1;
    }

    # the mesh
    connection-mesh {
        hosts alpha bravo;
    }
}
`;

/** A generated config with its whitespace disturbed and comments added (all of which drbdadm ignores). */
const messyConfig = fc.tuple(configText, fc.array(fc.constantFrom('\n', '\n\n', '  ', '\t', ' # note\n'), { minLength: 1, maxLength: 40 }))
    .map(([text, seps]) => text.split(' ').reduce((out, word, i) => out + (i === 0 ? '' : seps[i % seps.length]!.startsWith(' #') && i % 3 ? ' ' : seps[i % seps.length]!) + word, ''));

describe('formatting', () => {
    const s = lspSession();
    const format = (uri: string, tabSize = 4) => s.client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize, insertSpaces: true } });

    it('indents sections, puts one statement a line and keeps comments (LSP)', async () => {
        const uri = s.ws.uri('messy.res');
        await s.openAndCheck(uri, MESSY);
        expect(applyEdits(MESSY, await format(uri))).toBe(FORMATTED);
        await s.client.change(uri, FORMATTED);
        await s.client.diagnostics(uri);
        expect(await format(uri)).toEqual([]);
    });

    it('leaves a document with syntax errors alone', async () => {
        const uri = s.ws.uri('broken.res');
        await s.openAndCheck(uri, 'resource r0 { net { protocol C } }\n');
        expect(await format(uri, 2)).toEqual([]);
    });

    it('is idempotent and drbdadm dumps the formatted config exactly as the original', async () => {
        const file = s.ws.path('gen.res');
        const normalise = (s: string) => s.split('\n').filter((l) => !l.startsWith('# defined at')).join('\n').replaceAll(`${file}:`, 'F:').replace(/F:\d+/g, 'F:N');
        const samples = fc.sample(messyConfig, { numRuns: 40, seed: 42 });
        for (const text of samples) {
            const formatted = formatDrbdText(text);
            expect(formatDrbdText(formatted)).toBe(formatted);
            writeFileSync(file, text);
            const before = await drbdadm(file);
            writeFileSync(file, formatted);
            const after = await drbdadm(file);
            expect({ rc: after.rc, out: normalise(after.out), err: normalise(after.err) }, `${text}\n---\n${formatted}`)
                .toEqual({ rc: before.rc, out: normalise(before.out), err: normalise(before.err) });
        }
    });
});
