/**
 * Tests of the CLI and the language server run the bundles in dist/ (as users do). Before any test,
 * the bundles are rebuilt when a source is newer than them, so running one test file after an
 * edit tests the code as it is, not the last build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['server/src', 'common/src', 'client/src', 'package.json', 'esbuild.mjs', 'scripts/build-cli-snapshot.mjs'];
const BUNDLES = ['dist/cli.cjs', 'dist/server.cjs', 'dist/extension.cjs'];

function newest(path: string): number {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...readdirSync(path).filter((e) => e !== 'generated').map((e) => newest(join(path, e))));
}

export function bundlesAreStale(root = ROOT): boolean {
    const bundles = BUNDLES.map((b) => join(root, b));
    if (!bundles.every(existsSync)) return true;
    const built = Math.min(...bundles.map((b) => statSync(b).mtimeMs));
    return Math.max(...SOURCES.map((s) => newest(join(root, s)))) > built;
}

export default function setup(): void {
    if (!bundlesAreStale()) return;
    process.stderr.write('test setup: sources are newer than dist/: npm run build\n');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
