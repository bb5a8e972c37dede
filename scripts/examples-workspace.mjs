// The folder `npm start` opens: a fresh copy of examples/, so that trying the demo (code-server
// saves as you type) never changes the clone's tracked files.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Copies `examples` into a new directory under the system temp dir and returns its path. */
export function examplesWorkspace(examples) {
    const dir = join(mkdtempSync(join(tmpdir(), 'drbd-vscode-examples-')), 'examples');
    cpSync(examples, dir, { recursive: true });
    return dir;
}
