/**
 * bin/drbdconf starts the CLI from the start-up snapshot the build made (scripts/build-cli-snapshot.mjs),
 * and from the bundle when that snapshot is not for the node it finds or older than the bundle:
 * both answer alike, the language server included.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS, serverEnvironment } from '../../common/src/server-node-flags.js';
import { startServer } from '../lsp-client.js';

const CLI = resolve('bin/drbdconf');
const dir = mkdtempSync(join(tmpdir(), 'drbd-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = 'resource r0 {\n    device minor 1;\n    disk /dev/sdb1;\n    meta-disk internal;\n'
    + '    on hw1 { address 10.0.0.1:7788; }\n    on hw2 { address 10.0.0.2:7788; }\n}\n';
writeFileSync(join(dir, 'r0.res'), CONFIG);
writeFileSync(join(dir, 'bad.res'), CONFIG.replace('minor 1;', 'minor 1;\n    net { protocol D; }'));

const NODE = statSync(process.execPath);
const STAMP = `${NODE.dev}:${NODE.ino}:${NODE.size}:${Math.floor(NODE.mtimeMs / 1000)}\n`;

/**
 * A copy of bin/drbdconf with the built snapshot, the given stamp, and a bundle that only says
 * it ran; the bundle is older or newer than the snapshot.
 */
function launcher(name: string, stamp: string, bundle: 'older' | 'newer'): string {
    const root = join(dir, name);
    mkdirSync(join(root, 'bin'), { recursive: true });
    mkdirSync(join(root, 'dist'), { recursive: true });
    copyFileSync(CLI, join(root, 'bin/drbdconf'));
    copyFileSync(resolve('dist/cli.blob'), join(root, 'dist/cli.blob'));
    writeFileSync(join(root, 'dist/cli.blob.node'), stamp);
    writeFileSync(join(root, 'dist/cli.cjs'), "process.stdout.write('from the bundle\\n');\n");
    const blobTime = statSync(join(root, 'dist/cli.blob')).mtime.getTime() / 1000;
    utimesSync(join(root, 'dist/cli.cjs'), blobTime + (bundle === 'newer' ? 10 : -10), blobTime + (bundle === 'newer' ? 10 : -10));
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
    it('has a start-up snapshot for the node that built it, newer than the bundle', () => {
        expect(readFileSync('dist/cli.blob.node', 'utf8')).toBe(STAMP);
        expect(statSync('dist/cli.blob').mtimeMs).toBeGreaterThan(statSync('dist/cli.cjs').mtimeMs);
    });

    it('starts from the snapshot only when it is for this node and its flags, and not older than the bundle', () => {
        const version = (command: string, nodeOptions = '') => spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NODE_OPTIONS: nodeOptions } }).stdout;
        const fresh = launcher('fresh', STAMP, 'older');
        expect(version(fresh)).toMatch(/^drbdconf \d/);
        expect(version(fresh, '--max-old-space-size=4096')).toBe('from the bundle\n');
        expect(version(launcher('other-node', '0:0:0:0\n', 'older'))).toBe('from the bundle\n');
        expect(version(launcher('rebuilt', STAMP, 'newer'))).toBe('from the bundle\n');
    });

    it('runs with V8 flags in NODE_OPTIONS', () => {
        const r = spawnSync(CLI, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' } });
        expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/^drbdconf \d/)]);
    });

    it.each(CALLS)('answers %s from the snapshot as from the bundle', (_, args, stdin) => {
        const run = (command: string, argv: string[]) => {
            const r = spawnSync(command, argv, { cwd: dir, input: stdin ?? '', encoding: 'utf8', timeout: 30_000, env: { ...process.env, NODE_OPTIONS: '' } });
            return { status: r.status, stdout: r.stdout, stderr: r.stderr };
        };
        expect(run(CLI, args)).toEqual(run(process.execPath, [resolve('dist/cli.cjs'), ...args]));
    });

    /** The argv and environment of `drbdconf lsp --stdio` started with `env`, once the shell script exec'd node (same process). */
    async function lspProcess(env: NodeJS.ProcessEnv): Promise<{ argv: string[]; environment: string[] }> {
        const child = spawn(CLI, ['lsp', '--stdio'], { stdio: ['pipe', 'ignore', 'ignore'], env });
        try {
            let argv: string[] = [];
            for (let t = 0; t < 100 && !argv.some((a) => a.endsWith('cli.cjs')); t++) {
                await new Promise((r) => setTimeout(r, 50));
                argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
            }
            return { argv, environment: readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0') };
        } finally {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill();
            await exited;
        }
    }

    it('runs the language server with the Node flags and environment VS Code runs it with; a malloc setting of the user wins', async () => {
        const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
        const ours = Object.keys(serverEnvironment({}));
        for (const name of ours) delete env[name];
        const { argv, environment } = await lspProcess(env);
        expect(argv.slice(1, 1 + SERVER_NODE_FLAGS.length)).toEqual(SERVER_NODE_FLAGS);
        for (const [name, value] of Object.entries(serverEnvironment(env))) expect(environment).toContain(`${name}=${value}`);
        const users = Object.fromEntries(ours.map((name) => [name, '4']));
        const theirs = (await lspProcess({ ...env, ...users })).environment;
        for (const name of ours) expect(theirs).toContain(`${name}=4`);
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
