/**
 * Runs the real drbdadm as the corpus oracle does: fresh UTS + network namespaces (hostname set
 * per run, no addresses on any interface), stdin /dev/null, stdout to a file, a pinned env, and
 * drbdadm called by name through PATH. One namespace per config runs all the requested calls.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORACLE_ENV } from '../../oracle.js';

export interface OracleRun {
    out: string;
    err: string;
    rc: number;
}

export type Verb = 'up' | 'down';

/** One drbdadm call: `drbdadm -c FILE -d VERB SELECTION…` on a host named `host`. */
export interface OracleCall {
    host: string;
    verb: Verb;
    selection: string[];
}

export const ENV: Record<string, string> = { ...ORACLE_ENV };

/** Results in call order; names must be plain words (they go into a shell script). */
export function runDrbdadm(dir: string, file: string, calls: OracleCall[], env: Record<string, string> = ENV, timeoutMs = 30_000): Promise<OracleRun[]> {
    const script = calls.map((c, i) =>
        `hostname "${c.host}" && drbdadm -c "${file}" -d ${c.verb} ${c.selection.join(' ')} >"${dir}/${i}.out" 2>"${dir}/${i}.err"; echo $? >"${dir}/${i}.rc"`).join('\n');
    return new Promise((resolve, reject) => {
        const p = spawn('unshare', ['-u', '-n', 'sh', '-c', script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        p.stderr.on('data', (d) => (stderr += d));
        const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
        p.on('error', reject);
        p.on('close', (code, signal) => {
            clearTimeout(timer);
            if (code !== 0) return reject(new Error(`oracle shell exited ${code ?? signal}: ${stderr}`));
            try {
                const read = (i: number, ext: string) => readFileSync(join(dir, `${i}.${ext}`), 'utf8');
                resolve(calls.map((_, i) => ({ out: read(i, 'out'), err: read(i, 'err'), rc: Number(read(i, 'rc').trim()) })));
            } catch (e) {
                reject(e);
            }
        });
    });
}

/** Which of `names` hostname(1) accepts, tried in a UTS namespace of their own. */
export function hostnameAccepts(names: string[]): Promise<boolean[]> {
    const script = names.map((n) => `if hostname '${n}' 2>/dev/null; then echo yes; else echo no; fi`).join('\n');
    return new Promise((resolve, reject) => {
        const p = spawn('unshare', ['-u', 'sh', '-c', script], { env: ENV, stdio: ['ignore', 'pipe', 'ignore'] });
        let out = '';
        p.stdout.on('data', (d) => (out += d));
        p.on('error', reject);
        p.on('close', () => resolve(out.trim().split('\n').map((l) => l === 'yes')));
    });
}

/** drbdconf's side of the same call, in-process. */
export function runOurs(dryRun: (out: Sink, err: Sink) => number): OracleRun {
    let out = '';
    let err = '';
    const sink = (add: (s: string) => void): Sink => ({ write: (c) => add(typeof c === 'string' ? c : Buffer.from(c).toString('utf8')) });
    try {
        const rc = dryRun(sink((s) => (out += s)), sink((s) => (err += s)));
        return { out, err, rc };
    } catch (e) {
        return { out, err: `${err}exception: ${(e as Error).stack}\n`, rc: -1 };
    }
}

interface Sink {
    write(chunk: string | Uint8Array): unknown;
}
