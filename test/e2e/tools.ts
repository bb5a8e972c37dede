/**
 * The real tools the end-to-end tests and `npm start` drive: code-server (a real VS Code, from a
 * cache folder), Debian's chromium, and the VSIX built from dist/. Missing tools are installed by
 * scripts/e2e-tools.sh; when that is impossible the caller gets an error saying why — never a skip.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const CHROMIUM = '/usr/bin/chromium';

export interface Tools {
    /** The code-server launcher. */
    codeServer: string;
    chromium: string;
}

/** Installs what is missing (first use: about a minute, apt and npm) and returns the paths. */
export async function ensureTools(): Promise<Tools> {
    const script = join(ROOT, 'scripts', 'e2e-tools.sh');
    const r = await execFileP('bash', [script], { timeout: 15 * 60_000, maxBuffer: 1 << 20 }).catch((e: { stderr?: string; message: string }) => {
        throw new Error(`could not install the end-to-end tools (code-server, chromium): ${e.stderr?.trim() || e.message}`);
    });
    if (r.stderr.trim()) process.stderr.write(r.stderr);
    const codeServer = join(r.stdout.trim(), 'node_modules', '.bin', 'code-server');
    for (const f of [codeServer, CHROMIUM]) if (!existsSync(f)) throw new Error(`e2e tools: ${f} is missing after ${script}`);
    return { codeServer, chromium: CHROMIUM };
}

/** Packages dist/ as it is (no rebuild) into DIR/drbd-vscode.vsix with the project's .vscodeignore. */
export async function packageVsix(dir: string): Promise<string> {
    for (const f of ['dist/extension.cjs', 'dist/server.cjs'])
        if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
    mkdirSync(dir, { recursive: true });
    const out = join(dir, 'drbd-vscode.vsix');
    const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
    await execFileP(vsce, ['package', '--no-dependencies', '-o', out], { cwd: ROOT, timeout: 120_000 }).catch((e: { stderr?: string; stdout?: string; message: string }) => {
        throw new Error(`vsce package failed: ${e.stderr?.trim() || e.stdout?.trim() || e.message}`);
    });
    return out;
}
