/**
 * A real VS Code (code-server) with a fresh profile: the VSIX installed into it, user settings
 * written, serving one folder on 127.0.0.1 only. Ready when its /healthz answers; `stop()` ends
 * its whole process group and removes the profile.
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export interface CodeServerOptions {
    codeServer: string;
    vsix: string;
    folder: string;
    /** false: started without --disable-workspace-trust, and the folder is not trusted. */
    trusted: boolean;
    /** Extra user settings. */
    settings?: Record<string, unknown>;
    /** Keep the profile (logs) after stop. */
    keep?: boolean;
    /** Default: a free one. */
    port?: number;
}

export interface CodeServer {
    url: string;
    /** URL that opens the folder. */
    folderUrl: string;
    profile: string;
    /** Resolves when code-server exits, whoever ended it. */
    exited: Promise<void>;
    /** The text an extension wrote so far to its LogOutputChannel `channel` ('' before it exists). */
    outputLog(extensionId: string, channel: string): string;
    stop(): Promise<void>;
}

const QUIET_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    // Untrusted runs decide trust up front, so no dialog stands between the test and the editor.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
};

export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
    const profile = mkdtempSync(join(tmpdir(), 'drbd-vscode-profile-'));
    const userData = join(profile, 'user-data');
    const extensions = join(profile, 'extensions');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...o.settings }, null, 2));
    const dirs = ['--user-data-dir', userData, '--extensions-dir', extensions];
    const removeProfile = () => (o.keep ? undefined : rmSync(profile, { recursive: true, force: true }));
    try {
        await execFileP(o.codeServer, [...dirs, '--install-extension', o.vsix], { timeout: 120_000 });
    } catch (e) {
        removeProfile();
        throw new Error(`code-server could not install ${o.vsix}: ${(e as { stderr?: string }).stderr || e}`);
    }

    const port = o.port ?? (await freePort());
    const logFile = join(profile, 'code-server.log');
    const log = openSync(logFile, 'a');
    const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...dirs, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'];
    if (o.trusted) args.push('--disable-workspace-trust');
    // Own process group: stop() ends code-server and every process it started.
    const child = spawn(o.codeServer, [...args, o.folder], { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    let exited = false;
    const exitedP = new Promise<void>((r) => child.on('exit', () => ((exited = true), r())));
    const stop = async () => {
        if (!exited && child.pid) {
            signalGroup(child.pid, 'SIGTERM');
            const t = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 5000);
            await exitedP;
            clearTimeout(t);
        }
        removeProfile();
    };

    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (!(await healthy(url))) {
        if (exited || Date.now() > deadline) {
            const tail = readFileSync(logFile, 'utf8').slice(-1500);
            await stop();
            throw new Error(`code-server did not become ready (${exited ? 'it exited' : 'no answer in 60 s'}):\n${tail}`);
        }
        await new Promise((r) => setTimeout(r, 200));
    }
    return {
        url,
        folderUrl: `${url}/?folder=${encodeURIComponent(o.folder)}`,
        profile,
        exited: exitedP,
        outputLog: (id, channel) => outputLog(userData, id, channel),
        stop,
    };
}

/** code-server writes it to USER-DATA/logs/SESSION/exthostN/PUBLISHER.NAME/CHANNEL.log. */
function outputLog(userData: string, extensionId: string, channel: string): string {
    const logs = join(userData, 'logs');
    const sessions = existsSync(logs) ? readdirSync(logs) : [];
    const files = sessions.flatMap((s) => readdirSync(join(logs, s)).filter((d) => d.startsWith('exthost')).map((d) => join(logs, s, d, extensionId, `${channel}.log`)));
    return files
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f, 'utf8'))
        .join('');
}

async function healthy(url: string): Promise<boolean> {
    try {
        return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
        return false;
    }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal);
    } catch {
        /* already gone */
    }
}

/** A port nothing listens on right now (code-server binds it a moment later). */
function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const s = createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address() as { port: number };
            s.close(() => resolve(port));
        });
    });
}
