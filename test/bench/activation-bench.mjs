// Extension activation, as measured by the e2e test that opens a .res in a real VS Code
// (code-server): the extension logs "activated in N ms" (bundle evaluation + activate()), the test
// writes N to test-output/e2e/activation.json. Here that single test runs as a subprocess.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const TEST_NAME = 'logs its activation time';

/** `{ ms }`, or `{ reason }` (one line, and maybe the test's `output`) when it could not be measured. */
export async function activationFromE2e(root, timeoutMs = 5 * 60_000) {
    if (process.getuid?.() !== 0) return { reason: 'the e2e suite needs root (its simulated hosts, test/harness/rig.ts)' };
    const tools = spawnSync('bash', [join(root, 'scripts', 'e2e-tools.sh'), '--check'], { encoding: 'utf8' });
    if (tools.status !== 0) return { reason: `${tools.stderr.replace(/^e2e-tools: /, '').trim()} (\`npm test\` installs it)` };
    const result = join(root, 'test-output', 'e2e', 'activation.json');
    rmSync(result, { force: true });
    const run = await runBounded('npx', ['vitest', 'run', '--project', 'e2e', 'test/e2e/extension.test.ts', '-t', TEST_NAME], root, timeoutMs);
    if (run.timedOut) return { reason: `the e2e test did not end in ${timeoutMs / 1000} s`, output: run.output };
    if (run.code !== 0 || !existsSync(result)) return { reason: `the e2e test failed (exit ${run.code})`, output: run.output };
    return { ms: JSON.parse(readFileSync(result, 'utf8')).ms };
}

/** Runs a command in its own process group; past the timeout the whole group gets SIGTERM, then SIGKILL. */
function runBounded(cmd, args, cwd, timeoutMs) {
    return new Promise((resolve) => {
        const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
        let output = '';
        let timedOut = false;
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        const signal = (s) => {
            try {
                process.kill(-child.pid, s);
            } catch {
                /* already gone */
            }
        };
        const timer = setTimeout(() => {
            timedOut = true;
            signal('SIGTERM');
            setTimeout(() => signal('SIGKILL'), 5000).unref();
        }, timeoutMs);
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code, output, timedOut });
        });
    });
}
