// Runs the vscode-tmgrammar-test CLI over the `.res` fixtures next to this file
// (each fixture line of `#   ^^^ scope` asserts the scopes of the line above it).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const grammarPath = join(root, 'syntaxes/drbd.tmLanguage.json');
const fixtureDir = join(root, 'test/syntaxes');
const TIMEOUT_MS = 60_000;

// The package's bin script, started with this node: one process we can kill, no npx lookup.
function cliPath(): string {
    const require = createRequire(import.meta.url);
    const pkgFile = require.resolve('vscode-tmgrammar-test/package.json');
    const bin = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin: Record<string, string> }).bin;
    return join(dirname(pkgFile), bin['vscode-tmgrammar-test']!);
}

interface CliResult { code: number | null; output: string }

function runCli(testcases: string): Promise<CliResult> {
    return new Promise((resolvePromise, reject) => {
        const child = spawn(process.execPath, [cliPath(), '--compact', '-g', grammarPath, testcases], {
            cwd: root,
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, FORCE_COLOR: '0' }
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
        child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
        const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS - 5_000);
        child.on('error', (err) => { clearTimeout(timer); reject(err); });
        child.on('close', (code) => { clearTimeout(timer); resolvePromise({ code, output }); });
    });
}

describe('DRBD TextMate grammar', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'drbd-tm-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it('has the scope name that package.json contributes', () => {
        const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as { scopeName: string };
        const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
            contributes: { grammars: { scopeName: string; path: string }[] };
        };
        expect(pkg.contributes.grammars).toContainEqual(
            expect.objectContaining({ scopeName: grammar.scopeName, path: './syntaxes/drbd.tmLanguage.json' }));
        expect(grammar.scopeName).toBe('source.drbd');
    });

    it('passes every fixture', async () => {
        const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith('.res'));
        expect(fixtures.length).toBeGreaterThanOrEqual(5);
        const { code, output } = await runCli(relative(root, join(fixtureDir, '*.res')));
        expect(output).not.toContain('ERROR');
        for (const f of fixtures) {
            expect(output).toContain(`${f} run successfuly`);
        }
        expect(code).toBe(0);
    }, TIMEOUT_MS);

    it('fails on a wrong assertion (the harness is not vacuous)', async () => {
        const bad = join(scratch, 'wrong.res');
        writeFileSync(bad, '# SYNTAX TEST "source.drbd"\non-io-error detach;\n# <-- keyword.other.section.drbd\n');
        const { code, output } = await runCli(bad);
        expect(output).toContain('Missing required scopes: [ keyword.other.section.drbd ]');
        expect(code).not.toBe(0);
    }, TIMEOUT_MS);
});
