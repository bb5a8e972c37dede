/**
 * drbdconf's CLI commands (in-process, read as one drbd-utils release) against what that
 * release's drbdadm printed for the same config — the comparisons of corpus-check:
 *   verdict   `drbdadm dump all` succeeds  <=>  `drbdconf check` exits 0
 *   lines     every FILE:LINE drbdadm reports has a diagnostic of ours on that file and line
 *   node-ids  when the dump succeeds: `drbdconf node-ids` equals the node-ids in the dump
 *   up/down   `drbdconf up|down --host H --dry-run all`: the same stdout, the same success
 */
import { basename, dirname } from 'node:path';
import { checkCommand } from '../../server/src/cli/check.js';
import { openConfig } from '../../server/src/cli/config-input.js';
import { nodeIdsCommand } from '../../server/src/cli/node-ids.js';
import { dryRunCommand } from '../../server/src/cli/plan-dry-run.js';
import { targetRelease } from '../../server/src/cli/target-release.js';
import type { DrbdadmResult } from '../oracle.js';
import { dumpedNodeIds } from '../drbd/post-parse/oracle.js';
import { runOurs, type Verb } from '../drbd/up/oracle.js';

export type Kind = 'verdict' | 'lines' | 'node-ids' | 'up' | 'down';
export const KINDS: readonly Kind[] = ['verdict', 'lines', 'node-ids', 'up', 'down'];

export interface Comparison {
    kind: Kind;
    ok: boolean;
    /** What was compared, in one line: `verdict`, `lines tls.res:4`, `up on alpha`. */
    what: string;
    /** On a mismatch: both sides in full. */
    detail?: string;
}

/** Rewrites what depends on where the config lies (e.g. its directory to `$CASE`). */
export type Normalize = (text: string) => string;
const asIs: Normalize = (t) => t;

const sortedIds = (ids: Record<string, Record<string, number>>) =>
    JSON.stringify(Object.keys(ids).sort().map((r) => [r, Object.entries(ids[r]).sort(([a], [b]) => a.localeCompare(b))]));

/** Our check and node-ids on `mainFile`, read as `release`, against drbdadm's `dump all` of it. */
export function compareDump(mainFile: string, release: string, dump: DrbdadmResult, normalize: Normalize = asIs): Comparison[] {
    const cwd = dirname(mainFile);
    const target = targetRelease(release);
    const check = runOurs((out) => checkCommand(openConfig(mainFile, cwd), 'json', cwd, 'differential', target, out));
    let diagnostics: { file: string; line: number; severity: string; message: string }[] = [];
    try {
        diagnostics = JSON.parse(check.out).diagnostics;
    } catch {
        // An exception or no JSON: no diagnostics, the verdict below says the rest.
    }
    const oursText = () => `--- drbdconf check (rc ${check.rc})\n${diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`).join('\n')}\n${check.err}`;
    const theirs = () => `--- drbdadm dump all (rc ${dump.rc})\n${normalize(dump.err)}`;
    const result: Comparison[] = [];
    const accepted = check.rc === 0;
    result.push({
        kind: 'verdict', what: `verdict (drbdadm rc ${dump.rc}, drbdconf check rc ${check.rc})`,
        ok: (check.rc === 0 || check.rc === 1) && accepted === (dump.rc === 0),
    });
    for (const m of dump.err.matchAll(/^([^\s:]+):(\d+): /gm)) {
        const line = Number(m[2]);
        if (line === 0) continue; // drbdadm's FILE:0: (duplicates across resources) names no line
        const file = basename(m[1]);
        result.push({ kind: 'lines', what: `lines ${file}:${line}`, ok: diagnostics.some((d) => d.line === line && basename(d.file) === file) });
    }
    if (dump.rc === 0) {
        const got = runOurs((out, err) => nodeIdsCommand(openConfig(mainFile, cwd), target.release, out, err));
        const want = dumpedNodeIds(dump.out);
        let parsed: Record<string, Record<string, number>> | undefined;
        try {
            parsed = JSON.parse(got.out);
        } catch {
            parsed = undefined;
        }
        const ok = parsed !== undefined && sortedIds(parsed) === sortedIds(want);
        result.push({
            kind: 'node-ids', what: 'node-ids', ok,
            ...(ok ? {} : { detail: `--- drbdadm dump all\n${JSON.stringify(want)}\n--- drbdconf node-ids (rc ${got.rc})\n${got.out}${got.err}` }),
        });
    }
    for (const c of result) if (!c.ok && c.kind !== 'node-ids') c.detail = `${theirs()}${oursText()}`;
    return result;
}

/** Our `VERB --host HOST --dry-run all` on `mainFile`, read as `release`, against drbdadm's `-d VERB all` on HOST. */
export function comparePlan(verb: Verb, mainFile: string, host: string, release: string, want: DrbdadmResult, normalize: Normalize = asIs): Comparison {
    const cwd = dirname(mainFile);
    const got = runOurs((out, err) => dryRunCommand(verb, openConfig(mainFile, cwd), host, 'all', targetRelease(release).release, out, err));
    const ok = normalize(got.out) === normalize(want.out) && (got.rc === 0) === (want.rc === 0);
    return {
        kind: verb, what: `${verb} on ${host} (drbdadm rc ${want.rc}, drbdconf rc ${got.rc})`, ok,
        ...(ok ? {} : { detail: `--- drbdadm -d ${verb} all (rc ${want.rc})\n${normalize(want.out)}${normalize(want.err)}--- drbdconf ${verb} --dry-run all (rc ${got.rc})\n${normalize(got.out)}${normalize(got.err)}` }),
    };
}

/** `verdict 10/10, lines 3/4, ...` and the totals. */
export function tally(comparisons: readonly Comparison[]): { summary: string; passed: number; failed: number } {
    const parts = KINDS.flatMap((k) => {
        const of = comparisons.filter((c) => c.kind === k);
        return of.length ? [`${k} ${of.filter((c) => c.ok).length}/${of.length}`] : [];
    });
    const passed = comparisons.filter((c) => c.ok).length;
    return { summary: parts.join(', '), passed, failed: comparisons.length - passed };
}
