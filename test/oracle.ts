/**
 * The oracle: the real drbdadm 9.22, run the way the corpus records it — in fresh UTS and network
 * namespaces (its own host name, no address on any interface), stdin closed, a pinned
 * environment (C locale, a pretended DRBD 9.2.12 module), called by name through PATH.
 */
import { spawn, spawnSync } from 'node:child_process';

export const ORACLE_ENV: Readonly<Record<string, string>> = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C', DRBD_DRIVER_VERSION_OVERRIDE: '9.2.12' };

/** A host name no `on` section matches (what `dump all` runs as). */
export const NO_SECTION_HOST = 'corpus-oracle';

export interface DrbdadmResult {
    rc: number;
    out: string;
    err: string;
}

function argv(host: string, args: readonly string[]): string[] {
    return ['-u', '-n', 'sh', '-c', 'hostname "$0" && exec drbdadm "$@"', host, ...args];
}

/** `drbdadm ARGS` on a host named `host`. */
export function drbdadmAs(host: string, args: readonly string[], timeoutMs = 10_000): Promise<DrbdadmResult> {
    return new Promise((done) => {
        const p = spawn('unshare', argv(host, args), { stdio: ['ignore', 'pipe', 'pipe'], env: ORACLE_ENV });
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (err += d));
        const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
        p.on('close', (code) => {
            clearTimeout(timer);
            done({ rc: code ?? 128, out, err });
        });
    });
}

export function drbdadmAsSync(host: string, args: readonly string[], timeoutMs = 10_000): DrbdadmResult {
    const r = spawnSync('unshare', argv(host, args), { encoding: 'utf8', env: ORACLE_ENV, timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
    return { rc: r.status ?? 128, out: r.stdout ?? '', err: r.stderr ?? '' };
}
