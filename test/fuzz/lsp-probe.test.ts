import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { it } from 'vitest';
import { startServer } from '../lsp-client.js';
import { fuzzDirectory } from './invariants.js';

it('probe', async () => {
    const dir = fuzzDirectory(mkdtempSync(join(tmpdir(), 'fzl-')));
    const client = await startServer({ rootUri: pathToFileURL(dir).href });
    const text = "\f\t include \"drbd.d/*.res\";;\ninclude \"drbd.d/nothing-*.res\";;\nrequire-drbd-module-version-ge 9.0.0;\nresource r5 {\n  template-file \"tmpl.conf\";\n  device minor 10; disk /dev/sdj1; meta-disk internal;\n  on hw1 { address 10.0.0.1:7796; }\n  on hw2 { address 10.0.0.2:7796; }\n}\n";
    const uri = pathToFileURL(join(dir, 'x.res')).href;
    await client.open(uri, text);
    console.log(await client.diagnostics(uri));
    for (const position of [{ line: 0, character: 0 }, { line: 1, character: 3 }, { line: 4, character: 5 }]) {
        const t = Date.now();
        const r = await Promise.race([client.request('textDocument/hover', { textDocument: { uri }, position }), new Promise((r) => setTimeout(() => r('TIMEOUT'), 5000))]);
        console.log('hover', position, Date.now() - t, JSON.stringify(r)?.slice(0, 100));
        const c = await Promise.race([client.request('textDocument/completion', { textDocument: { uri }, position }), new Promise((r) => setTimeout(() => r('TIMEOUT'), 5000))]);
        console.log('completion', position, Date.now() - t, JSON.stringify(c)?.slice(0, 100));
    }
    await client.close();
}, 60_000);
