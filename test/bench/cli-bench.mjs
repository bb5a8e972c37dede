// `drbdconf check` against `drbdadm -c F dump all` on the same file: wall time (the best of a
// few runs, each bounded: on a shared machine the minimum is the stable figure) and peak RSS
// (GNU time's %M).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TIME = '/usr/bin/time';
const ENV = { ...process.env, DRBD_DRIVER_VERSION_OVERRIDE: '9.2.12' };

/** One run of argv in cwd: wall ms, peak RSS MB (NaN without GNU time), exit status. */
function runOnce(argv, cwd) {
    const rssFile = join(cwd, `.rss-${process.pid}`);
    const withTime = existsSync(TIME) ? [TIME, '-f', '%M', '-o', rssFile, ...argv] : argv;
    const t0 = performance.now();
    const r = spawnSync(withTime[0], withTime.slice(1), { cwd, env: ENV, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000, killSignal: 'SIGKILL' });
    const ms = performance.now() - t0;
    if (r.error || r.signal) throw new Error(`${argv.join(' ')}: ${r.error?.message ?? r.signal}`);
    let rssMb = NaN;
    if (existsSync(rssFile)) {
        rssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
        rmSync(rssFile, { force: true });
    }
    return { ms, rssMb, status: r.status };
}

/** The runs of one program: least wall ms, max peak RSS MB, the exit status of the last run. */
function summary(results) {
    const rss = results.map((r) => r.rssMb).filter((mb) => !Number.isNaN(mb));
    return { ms: Math.min(...results.map((r) => r.ms)), rssMb: rss.length ? Math.max(...rss) : NaN, status: results.at(-1).status };
}

/**
 * Both programs on one main file (`drbdconf`: the path of bin/drbdconf, run as users run it),
 * taking turns: on a shared machine the same run of drbdadm took from 180 to 300 ms within
 * minutes, and runs side by side meet the same conditions.
 */
export function compareCheck(drbdconf, mainFile, runs) {
    const cwd = dirname(mainFile);
    const theirs = [];
    const mine = [];
    for (let i = 0; i < runs; i++) {
        theirs.push(runOnce(['drbdadm', '-c', mainFile, 'dump', 'all'], cwd));
        mine.push(runOnce([drbdconf, 'check', '-c', mainFile], cwd));
    }
    const drbdadm = summary(theirs);
    const ours = summary(mine);
    if (drbdadm.status !== 0 || ours.status !== 0) {
        throw new Error(`the generated config is not valid: drbdadm exit ${drbdadm.status}, drbdconf check exit ${ours.status} (${mainFile})`);
    }
    return { drbdadm, ours };
}
