/**
 * bin/drbdconf starts the CLI from the start-up snapshot the build made (scripts/build-cli-snapshot.mjs)
 * and from the bundle when that snapshot is not for the node it finds: both answer alike, the
 * language server included.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../lsp-client.js';

const CLI = resolve('bin/drbdconf');
const dir = mkdtempSync(join(tmpdir(), 'drbd-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = 'resource r0 {\n    device minor 1;\n    disk /dev/sdb1;\n    meta-disk internal;\n'
    + '    on hw1 { address 10.0.0.1:7788; }\n    on hw2 { address 10.0.0.2:7788; }\n}\n';
writeFileSync(join(dir, 'r0.res'), CONFIG);
writeFileSync(join(dir, 'bad.res'), CONFIG.replace('minor 1;', 'minor 1;\n    net { protocol D; }'));

/** A copy of bin/drbdconf whose snapshot stamp names another node binary. */
function launcherWithStaleSnapshot(): string {
    const root = join(dir, 'stale');
    mkdirSync(join(root, 'bin'), { recursive: true });
    mkdirSync(join(root, 'dist'), { recursive: true });
    copyFileSync(CLI, join(root, 'bin/drbdconf'));
    for (const file of ['cli.cjs', 'cli.blob']) copyFileSync(resolve('dist', file), join(root, 'dist', file));
    writeFileSync(join(root, 'dist/cli.blob.node'), '0:0:0:0\n');
    return join(root, 'bin/drbdconf');
}

const CALLS: [string, string[], string?][] = [
    ['check, valid', ['check', '-c', 'r0.res']],
    ['check, errors, json', ['check', '-c', 'bad.res', '--format', 'json']],
    ['check from standard input', ['check', '-c', '-'], CONFIG],
    ['node-ids', ['node-ids', '-c', 'r0.res']],
    ['dry-run up', ['up', '-c', 'r0.res', '--host', 'hw1', '--dry-run', 'r0']],
    ['--version', ['--version']],
    ['--help', ['--help']],
    ['a usage error', ['check', '--no-such-option']],
];

describe('bin/drbdconf', () => {
    it('has a start-up snapshot for the node that built it', () => {
        const node = statSync(process.execPath);
        expect(readFileSync('dist/cli.blob.node', 'utf8')).toBe(`${node.dev}:${node.ino}:${node.size}:${Math.floor(node.mtimeMs / 1000)}\n`);
    });

    const stale = launcherWithStaleSnapshot();
    it.each(CALLS)('answers %s alike from the snapshot, the bundle and a launcher with a stale snapshot', (_, args, stdin) => {
        const run = (command: string, argv: string[]) => {
            const r = spawnSync(command, argv, { cwd: dir, input: stdin ?? '', encoding: 'utf8', timeout: 30_000 });
            return { status: r.status, stdout: r.stdout, stderr: r.stderr };
        };
        const fromSnapshot = run(CLI, args);
        expect(run(process.execPath, [resolve('dist/cli.cjs'), ...args])).toEqual(fromSnapshot);
        expect(run(stale, args)).toEqual(fromSnapshot);
    });

    it('serves the language server with `lsp --stdio`', async () => {
        const client = await startServer({ command: [CLI, 'lsp', '--stdio'] });
        try {
            const uri = pathToFileURL(join(dir, 'bad.res')).href;
            await client.open(uri, readFileSync(join(dir, 'bad.res'), 'utf8'));
            const diagnostics = await client.diagnostics(uri, (ds) => ds.length > 0);
            expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("Parse error: while parsing value ('D')")]);
        } finally {
            await client.close();
        }
    });
});
