/**
 * Differential test against the real drbdadm 9.22: generated configs, `drbdadm -c F dump all`
 * as host `corpus-oracle` (in fresh UTS + network namespaces) versus loadConfig + postParse.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/drbd/load-config.js';
import { computeNodeIds, postParse } from '../../../server/src/drbd/post-parse/index.js';
import { configText } from './gen-config.js';
import { drbdadm, dumpedNodeIds, HOST, type Oracle } from './oracle.js';

const RUNS = 500;
const CONCURRENCY = 4;
const dir = mkdtempSync(join(tmpdir(), 'drbd-pp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ours(file: string, text: string) {
    const loaded = loadConfig(file, { hostname: HOST });
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

/** How much the run compared, so that a generator drifting into trivial configs is noticed. */
const seen = { accepted: 0, lines: 0, badLuck: 0 };

function compare(i: number, text: string, o: Oracle): string[] {
    const file = join(dir, `c${i}.res`);
    const us = ours(file, text);
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

describe('post-parse vs drbdadm dump all', () => {
    it(`agrees on ${RUNS} generated configs`, async () => {
        const texts = fc.sample(configText, { seed: 20261125, numRuns: RUNS });
        const failures: string[] = [];
        let next = 0;
        await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
            while (next < texts.length) {
                const i = next++;
                const file = join(dir, `c${i}.res`);
                writeFileSync(file, texts[i]);
                failures.push(...compare(i, texts[i], await drbdadm(file)));
            }
        }));
        expect(failures.slice(0, 5).join('\n\n'), `${failures.length} of ${RUNS} differ`).toBe('');
        expect(seen.accepted).toBeGreaterThan(RUNS / 10);
        expect(seen.lines).toBeGreaterThan(RUNS);
        console.log(`differential: ${seen.accepted} accepted, ${seen.badLuck} BAD LUCK, ${seen.lines} drbdadm lines matched`);
    }, 90_000);
});
