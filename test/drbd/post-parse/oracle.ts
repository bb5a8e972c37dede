/** Runs the real drbdadm 9.22 the way the corpus oracle does. */
import { spawn } from 'node:child_process';

/** No `on` section matches this host name. */
export const HOST = 'corpus-oracle';

export interface Oracle {
    rc: number;
    out: string;
    err: string;
}

/** `drbdadm -c FILE dump all` as host corpus-oracle in fresh UTS + network namespaces, pinned environment. */
export function drbdadm(file: string): Promise<Oracle> {
    return new Promise((done) => {
        const p = spawn('unshare', ['-u', '-n', 'sh', '-c', `hostname ${HOST} && exec drbdadm -c "$0" dump all`, file], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C', DRBD_DRIVER_VERSION_OVERRIDE: '9.2.12' },
        });
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (err += d));
        const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
        p.on('close', (code) => {
            clearTimeout(timer);
            done({ rc: code ?? 128, out, err });
        });
    });
}

/** node-ids as `dump all` prints them: `on NAME [NAME...] {` then `node-id N;`, keyed by the names as printed. */
export function dumpedNodeIds(text: string): Record<string, Record<string, number>> {
    const ids: Record<string, Record<string, number>> = {};
    let res = '';
    let host = '';
    for (const line of text.split('\n')) {
        let m: RegExpExecArray | null;
        if ((m = /^resource\s+"?([^\s"{]+)"?\s*\{/.exec(line))) res = m[1];
        else if ((m = /^\s{4}on\s+(.+?)\s*\{$/.exec(line))) host = m[1];
        else if ((m = /^\s{8}node-id\s+(\d+);/.exec(line)) && host) (ids[res] ??= {})[host] = Number(m[1]);
        if (/^\s{4}\}/.test(line)) host = '';
    }
    return ids;
}

