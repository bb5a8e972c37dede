/**
 * Runs the built CLI (`bin/drbdconf`, `npm run build` first) with a deadline, and measures the
 * CPU time it used (the shell's `times`), which unlike wall time does not grow with the machine's load.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const DRBDCONF = fileURLToPath(new URL('../../bin/drbdconf', import.meta.url));

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
    /** User + system CPU time of the CLI process. */
    cpuMs: number;
    wallMs: number;
    timedOut: boolean;
}

export interface CliOptions {
    stdin?: string | Buffer;
    cwd?: string;
    timeoutMs?: number;
    /** Run as this user and group (tests run as root; permissions only bind other users). */
    uid?: number;
    gid?: number;
}

function seconds(field: string): number {
    const m = /^(\d+)m([\d.]+)s$/.exec(field);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
    const started = Date.now();
    return new Promise((done) => {
        const child = spawn('sh', ['-c', '"$@"; rc=$?; times >&3; exit $rc', 'sh', DRBDCONF, ...args], {
            cwd: options.cwd, uid: options.uid, gid: options.gid, detached: true,
            stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
            env: { PATH: process.env.PATH, LC_ALL: 'C' },
        });
        let stdout = '';
        let stderr = '';
        let times = '';
        child.stdout!.on('data', (d) => (stdout += d));
        child.stderr!.on('data', (d) => (stderr += d));
        (child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => (times += d));
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            process.kill(-child.pid!, 'SIGKILL');
        }, options.timeoutMs ?? 20_000);
        child.stdin!.on('error', () => undefined);
        child.stdin!.end(options.stdin ?? '');
        child.on('close', (code) => {
            clearTimeout(timer);
            const [user, sys] = (times.trim().split('\n')[1] ?? '').split(/\s+/).map(seconds);
            done({ code, stdout, stderr, cpuMs: (user + sys) * 1000, wallMs: Date.now() - started, timedOut });
        });
    });
}

/** What a message to the user must not look like: a stack trace or a Node.js internal dump. */
export function looksLikeStackTrace(text: string): boolean {
    return /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m.test(text) || /node:internal|Node\.js v\d+/.test(text);
}
