/**
 * Differential test against the real drbdadm 9.22 (and each release of otherReleases(), on
 * fewer configs): generated configs, `drbdadm -c F dump all` as host `corpus-oracle` (in fresh
 * UTS + network namespaces) versus loadConfig + postParse reading the config as that release.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/reader/load-config.js';
import { computeNodeIds, postParse } from '../../../server/src/drbd/post-parse/index.js';
import { configText } from './gen-config.js';
import { drbdadm, dumpedNodeIds, HOST, type Oracle } from './oracle.js';
import type { ReleaseVersion } from '../../../server/src/drbd/release.js';
import { INSTALLED_RELEASE, type OracleRelease, otherReleases } from '../../oracle.js';

const RUNS = 500;
const RUNS_PER_OTHER_RELEASE = 100;
const CONCURRENCY = 4;
const dir = mkdtempSync(join(tmpdir(), 'drbd-pp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ours(file: string, text: string, release: ReleaseVersion) {
    const loaded = loadConfig(file, { hostname: HOST, release });
    const diagnostics = [...loaded.diagnostics];
    let ok = !loaded.fatal && !diagnostics.some((d) => d.severity === 'error');
    let ids: Record<string, Record<string, number>> = {};
    if (!loaded.fatal) {
        loaded.config.mainEndLine ??= 1 + (text.match(/\n/g)?.length ?? 0);
        const r = postParse(loaded.config, { hostname: HOST, uniq: loaded.uniq });
        diagnostics.push(...r.diagnostics);
        ok &&= r.exitCode === 0;
        ids = computeNodeIds(loaded.config);
    }
    return { ok, diagnostics, ids };
}

/** How much a run compared, so that a generator drifting into trivial configs is noticed. */
interface Seen { accepted: number; lines: number; badLuck: number }

function compare(file: string, i: number, text: string, o: Oracle, release: ReleaseVersion, seen: Seen): string[] {
    const us = ours(file, text, release);
    const problems: string[] = [];
    if ((o.rc === 0) !== us.ok) problems.push(`verdict: drbdadm rc ${o.rc}, ours ${us.ok ? 'ok' : 'invalid'}`);
    for (const m of o.err.matchAll(/^(\S+?):(\d+): /gm)) {
        const line = Number(m[2]);
        if (line === 0) continue;
        seen.lines++;
        const hit = us.diagnostics.some((d) => d.severity !== 'info' && d.loc.line === line && basename(d.loc.file) === basename(m[1]));
        if (!hit) problems.push(`line: drbdadm reports ${basename(m[1])}:${line}`);
    }
    if (o.rc === 0) seen.accepted++;
    if (o.rc === 20) seen.badLuck++;
    if (o.rc === 0 && us.ok && JSON.stringify(dumpedNodeIds(o.out)) !== JSON.stringify(us.ids))
        problems.push(`node-ids: drbdadm ${JSON.stringify(dumpedNodeIds(o.out))} ours ${JSON.stringify(us.ids)}`);
    if (!problems.length) return [];
    const ourText = us.diagnostics.filter((d) => !d.drbdadmEcho).map((d) => `  ${d.loc.line}: ${d.severity} ${d.message.split('\n')[0]}`).join('\n');
    return [`#${i}: ${problems.join('; ')}\n--- config\n${text}--- drbdadm stderr\n${o.err}--- ours\n${ourText}`];
}

/** Generates `runs` configs, runs them through `oracle` and us; the disagreements and what was compared. */
export async function differential(oracle: OracleRelease, seed: number, runs: number): Promise<{ failures: string[]; seen: Seen }> {
    const texts = fc.sample(configText, { seed, numRuns: runs });
    const failures: string[] = [];
    const seen: Seen = { accepted: 0, lines: 0, badLuck: 0 };
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < texts.length) {
            const i = next++;
            const file = join(dir, `${oracle.release}-c${i}.res`);
            writeFileSync(file, texts[i]);
            failures.push(...compare(file, i, texts[i], await drbdadm(file, oracle), oracle.release, seen));
        }
    }));
    return { failures, seen };
}

describe('post-parse vs drbdadm dump all', () => {
    it(`agrees on ${RUNS} generated configs`, async () => {
        const { failures, seen } = await differential(INSTALLED_RELEASE, 20261125, RUNS);
        expect(failures.slice(0, 5).join('\n\n'), `${failures.length} of ${RUNS} differ`).toBe('');
        expect(seen.accepted).toBeGreaterThan(RUNS / 10);
        expect(seen.lines).toBeGreaterThan(RUNS);
        console.log(`differential: ${seen.accepted} accepted, ${seen.badLuck} BAD LUCK, ${seen.lines} drbdadm lines matched`);
    }, 90_000);
});

const others = otherReleases();

describe.skipIf(others.missing !== undefined)(`post-parse vs other releases' drbdadm dump all${others.missing ? ` (skipped: ${others.missing})` : ''}`, () => {
    for (const oracle of others.releases) {
        it(`agrees with drbdadm ${oracle.release} on ${RUNS_PER_OTHER_RELEASE} generated configs`, async () => {
            const { failures, seen } = await differential(oracle, Number(oracle.release.replace(/\./g, '')), RUNS_PER_OTHER_RELEASE);
            expect(failures.slice(0, 5).join('\n\n'), `${failures.length} of ${RUNS_PER_OTHER_RELEASE} differ`).toBe('');
            expect(seen.accepted).toBeGreaterThan(RUNS_PER_OTHER_RELEASE / 10);
        }, 60_000);
    }
});
