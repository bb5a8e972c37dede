// npm start [-- --hosts] [--port N]: builds and packages the extension, installs the VSIX into a
// fresh profile of a real VS Code (code-server, installed on first use into ~/.cache/drbd-vscode),
// opens a copy of examples/ (removed on exit: the clone stays as it is) on 127.0.0.1 and prints the URL. --hosts also starts simulated DRBD hosts (real
// sshd, the test rig) for the `on` names of examples/ and points drbd.ssh.configFile at them, so
// "DRBD: Up" can be tried safely. Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { examplesWorkspace } from './examples-workspace.mjs';

const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const REPO_EXAMPLES = join(ROOT, 'examples');
const args = process.argv.slice(2);
const withHosts = args.includes('--hosts');
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;
const unknown = args.filter((a, i) => a !== '--hosts' && a !== '--port' && args[i - 1] !== '--port');
if (unknown.length > 0 || (port !== undefined && !(port > 0 && port < 65536))) {
    console.error('usage: npm start [-- --hosts] [--port N]');
    process.exit(2);
}

function npm(script) {
    const r = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) {
        process.stderr.write(r.stdout + r.stderr);
        console.error(`npm start: \`npm run ${script}\` failed`);
        process.exit(1);
    }
}

/** The TypeScript helpers (code-server, tools, test rig), bundled on the fly with esbuild. */
async function helpers() {
    const esbuild = await import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'drbd-vscode-start-'));
    const out = join(dir, 'helpers.mjs');
    await esbuild.build({
        stdin: {
            contents: `export { ensureTools } from './test/e2e/tools.ts';
export { startCodeServer } from './test/e2e/code-server.ts';
export { startRig } from './test/harness/rig.ts';`,
            resolveDir: ROOT,
            loader: 'ts',
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: out,
        logLevel: 'error',
        // tools.ts finds the repository from its own location.
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'test', 'e2e', 'tools.ts')).href) },
    });
    try {
        return await import(pathToFileURL(out).href);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** The `on NAME` host names used in examples/, in order of appearance. */
function exampleHosts(files) {
    const names = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\s*on\s+([a-z][a-z0-9-]*)\s*\{/gm)].map((m) => m[1]));
    return [...new Set(names)];
}

/** Whether drbdadm accepts FILE together with global_common.conf (a host could not hold it otherwise). */
function drbdadmAccepts(file, common) {
    const dir = mkdtempSync(join(tmpdir(), 'drbd-vscode-check-'));
    try {
        writeFileSync(join(dir, 'drbd.conf'), `include "${common}";\ninclude "${file}";\n`);
        const r = spawnSync('drbdadm', ['-c', join(dir, 'drbd.conf'), 'dump', 'all'], {
            stdio: 'ignore',
            timeout: 10_000,
            env: { ...process.env, DRBD_DRIVER_VERSION_OVERRIDE: '9.2.12' },
        });
        return r.status === 0;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
console.log('npm start: building and packaging …');
npm('build');
npm('package');
const vsix = join(ROOT, `${name}-${version}.vsix`);
console.log(`npm start: ${name}-${version}.vsix (${(statSync(vsix).size / 1024).toFixed(0)} KB)`);

const { ensureTools, startCodeServer, startRig } = await helpers();
const tools = await ensureTools();

const stops = [];
let stopping = false;
async function stopAll(code) {
    if (stopping) return;
    stopping = true;
    console.log('\nnpm start: stopping …');
    for (const stop of stops.reverse()) await stop().catch((e) => console.error(String(e)));
    process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const EXAMPLES = examplesWorkspace(REPO_EXAMPLES);
stops.push(async () => rmSync(dirname(EXAMPLES), { recursive: true, force: true }));

try {
    const settings = {};
    const notes = [];
    if (withHosts) {
        const dropIns = join(EXAMPLES, 'drbd.d');
        const common = join(dropIns, 'global_common.conf');
        const resFiles = readdirSync(dropIns).filter((f) => f.endsWith('.res')).map((f) => join(dropIns, f));
        const hosts = exampleHosts(resFiles);
        const kept = join(homedir(), '.cache', 'drbd-vscode', 'calls');
        const rig = await startRig(hosts, { keepCallsIn: kept });
        stops.push(() => rig.stop());
        for (const h of hosts) rig.install(h, 'global_common.conf', readFileSync(common, 'utf8'));
        for (const f of resFiles) {
            const base = f.slice(dropIns.length + 1);
            if (!drbdadmAccepts(f, common)) {
                notes.push(`${base} is not on the hosts: drbdadm rejects it. "DRBD: Up" refuses while the configuration has errors — fix it (or delete it) first.`);
                continue;
            }
            for (const h of hosts) rig.install(h, base, readFileSync(f, 'utf8'));
        }
        settings['drbd.ssh.configFile'] = rig.sshConfig;
        console.log(`npm start: simulated DRBD hosts ${hosts.join(', ')} (sshd in ${rig.mode === 'netns' ? 'network namespaces' : 'loopback'}), ssh config ${rig.sshConfig}`);
        console.log(`           what they ran (drbdsetup/drbdmeta, one call a line): ${rig.dir}/HOST/calls, kept on exit in ${kept}/HOST.calls`);
    }
    const vs = await startCodeServer({ codeServer: tools.codeServer, vsix, folder: EXAMPLES, trusted: true, settings, port });
    stops.push(() => vs.stop());
    vs.exited.then(() => {
        if (!stopping) {
            console.error('npm start: code-server exited');
            stopAll(1);
        }
    });
    for (const n of notes) console.log(`npm start: ${n}`);
    console.log(`npm start: fresh profile (logs, extension host log) in ${vs.profile}, removed on exit`);
    console.log(`npm start: serving a copy of examples/ in ${EXAMPLES} (your edits go there, not into the clone; removed on exit)`);
    console.log(`\n  DRBD in VS Code, on examples/:  ${vs.folderUrl}\n\n  (127.0.0.1 only; Ctrl-C stops it)`);
} catch (e) {
    console.error(`npm start: ${e instanceof Error ? e.message : e}`);
    await stopAll(1);
}
