/**
 * The oracle: the real drbdadm (the installed 9.22, or another release's), run the way the corpus records it — in fresh UTS and network
 * namespaces (its own host name, no address on any interface), stdin closed, a pinned
 * environment (C locale, a pretended DRBD 9.2.12 module), called by name through PATH.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
export function drbdadmAs(host: string, args: readonly string[], timeoutMs = 10_000, oracle: OracleRelease = INSTALLED_RELEASE): Promise<DrbdadmResult> {
    return new Promise((done) => {
        const p = spawn('unshare', argv(host, args), { stdio: ['ignore', 'pipe', 'pipe'], env: oracle.env });
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

export function drbdadmAsSync(host: string, args: readonly string[], timeoutMs = 10_000, oracle: OracleRelease = INSTALLED_RELEASE): DrbdadmResult {
    const r = spawnSync('unshare', argv(host, args), { encoding: 'utf8', env: oracle.env, timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
    return { rc: r.status ?? 128, out: r.stdout ?? '', err: r.stderr ?? '' };
}

/**
 * Other drbd-utils releases' drbdadm/drbdsetup, one directory per release (`9.34.0/drbdadm`):
 * `DRBD_UTILS_DIR`, default `../shared/drbd-utils` beside the repository (present in CI).
 */
export const DRBD_UTILS_DIR = resolve(process.env.DRBD_UTILS_DIR ?? join(fileURLToPath(new URL('..', import.meta.url)), '../shared/drbd-utils'));

/** A drbdadm to compare with: its release and the environment that runs it (its directory first on PATH). */
export interface OracleRelease {
    release: string;
    env: Readonly<Record<string, string>>;
}

/** The installed drbdadm (Debian's drbd-utils package). */
export const INSTALLED_RELEASE: OracleRelease = { release: '9.22.0', env: ORACLE_ENV };

/** An oracle whose drbdadm and drbdsetup are those in `dir`. */
export function releaseAt(release: string, dir: string): OracleRelease {
    return { release, env: { ...ORACLE_ENV, PATH: `${dir}:${ORACLE_ENV.PATH}` } };
}

/**
 * The releases in DRBD_UTILS_DIR, oldest first, or why there are none (tests that need them say
 * so and skip; in CI the directory is there).
 */
export function otherReleases(): { releases: OracleRelease[]; missing?: string } {
    if (!existsSync(DRBD_UTILS_DIR)) return { releases: [], missing: `no drbd-utils releases at ${DRBD_UTILS_DIR} (set DRBD_UTILS_DIR)` };
    const releases = readdirSync(DRBD_UTILS_DIR)
        .filter((d) => /^\d+\.\d+\.\d+$/.test(d) && existsSync(join(DRBD_UTILS_DIR, d, 'drbdadm')))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((d) => releaseAt(d, join(DRBD_UTILS_DIR, d)));
    return releases.length ? { releases } : { releases, missing: `${DRBD_UTILS_DIR} holds no release directory (X.Y.Z/drbdadm)` };
}
