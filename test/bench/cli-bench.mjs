// `drbdconf check` against `drbdadm -c F dump all` on the same file: wall time (the best of a
// few runs, each bounded: on a shared machine the minimum is the stable figure) and peak RSS
// (GNU time's %M).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TIME = '/usr/bin/time';
const ENV = { ...process.env, DRBD_DRIVER_VERSION_OVERRIDE: '9.2.12' };

/** Runs argv in cwd `runs` times: least wall ms, max peak RSS MB, the exit status of the last run. */
export function measure(argv, cwd, runs = 3) {
    const walls = [];
    let rssMb = NaN;
    let status;
    const rssFile = join(cwd, `.rss-${process.pid}`);
    for (let i = 0; i < runs; i++) {
        const withTime = existsSync(TIME) ? [TIME, '-f', '%M', '-o', rssFile, ...argv] : argv;
        const t0 = performance.now();
        const r = spawnSync(withTime[0], withTime.slice(1), { cwd, env: ENV, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000, killSignal: 'SIGKILL' });
        walls.push(performance.now() - t0);
        if (r.error || r.signal) throw new Error(`${argv.join(' ')}: ${r.error?.message ?? r.signal}`);
        status = r.status;
        if (existsSync(rssFile)) {
            const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
            rssMb = Number.isNaN(rssMb) ? kb / 1024 : Math.max(rssMb, kb / 1024);
            rmSync(rssFile, { force: true });
        }
    }
    return { ms: Math.min(...walls), rssMb, status };
}

/** Both programs on one main file (`drbdconf`: the path of bin/drbdconf, run as users run it). */
export function compareCheck(drbdconf, mainFile, runs) {
    const cwd = dirname(mainFile);
    const drbdadm = measure(['drbdadm', '-c', mainFile, 'dump', 'all'], cwd, runs);
    const ours = measure([drbdconf, 'check', '-c', mainFile], cwd, runs);
    if (drbdadm.status !== 0 || ours.status !== 0) {
        throw new Error(`the generated config is not valid: drbdadm exit ${drbdadm.status}, drbdconf check exit ${ours.status} (${mainFile})`);
    }
    return { drbdadm, ours };
}
