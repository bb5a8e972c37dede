/**
 * Differential test of the parser against the real drbdadm: syntactically varied configs (valid
 * and broken), our accept/reject must equal `drbdadm dump all` success, and for a rejection
 * drbdadm's first `FILE:LINE:` must carry a diagnostic of ours.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeConfig } from '../../server/src/reader/analyze.js';
import { drbdadm } from '../drbd/post-parse/oracle.js';

const BASE = [
    'global { usage-count no; }',
    'common { net { protocol C; } disk { on-io-error detach; } }',
    'resource r0 {',
    '  device /dev/drbd1; disk /dev/sdb1; meta-disk internal;',
    '  net { max-buffers 8k; shared-secret "a b"; }',
    '  on hw1 { address 10.0.0.1:7788; node-id 0; }',
    '  on hw2 { address ipv6 [fd00::2]:7788; node-id 1; }',
    '  connection { host hw1 port 7788; host hw2 port 7788; }',
    '}',
    'resource "r 1" {',
    '  volume 0 { device minor 2; disk /dev/sdc1; meta-disk /dev/md0 [0]; }',
    '  on hw1 { address 10.0.0.1:7790; }',
    '  on hw2 { address 10.0.0.2:7790; }',
    '  skip { anything { goes; } here }',
    '}',
];

/** A mutation of one line of the base config; each models a mistake people make. */
const mutation = fc.oneof(
    fc.record({ kind: fc.constant('drop-semicolon' as const), line: fc.nat(BASE.length - 1), nth: fc.nat(5) }),
    fc.record({ kind: fc.constant('drop-brace' as const), line: fc.nat(BASE.length - 1), nth: fc.nat(3) }),
    fc.record({ kind: fc.constant('keyword-as-name' as const), word: fc.constantFrom('disk', 'on', 'net', 'volume', 'Resource', '123', '1.2.3') }),
    fc.record({ kind: fc.constant('junk' as const), line: fc.nat(BASE.length - 1), token: fc.constantFrom('=', '@', '!', '$', ';;', '{}', '"unterminated', ':') }),
    fc.record({ kind: fc.constant('long-word' as const), length: fc.constantFrom(128, 129, 200) }),
    fc.record({ kind: fc.constant('long-string' as const), length: fc.constantFrom(255, 256, 300) }),
    fc.record({ kind: fc.constant('include' as const), pattern: fc.constantFrom('sub/*.res', 'sub/missing.res', 'nomatch/*.res', 'sub/ok.res', 'sub/bad.res') }),
    fc.record({ kind: fc.constant('case' as const), word: fc.constantFrom('Global', 'RESOURCE', 'On', 'NET') }),
    fc.constant({ kind: 'none' as const }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function nthIndex(text: string, char: string, n: number): number {
    let at = -1;
    for (let i = 0; i <= n; i++) {
        const next = text.indexOf(char, at + 1);
        if (next < 0) return at;
        at = next;
    }
    return at;
}

function apply(m: Mutation): string[] {
    const lines = [...BASE];
    switch (m.kind) {
        case 'drop-semicolon':
        case 'drop-brace': {
            const char = m.kind === 'drop-semicolon' ? ';' : '}';
            const i = nthIndex(lines[m.line]!, char, m.nth);
            if (i >= 0) lines[m.line] = lines[m.line]!.slice(0, i) + lines[m.line]!.slice(i + 1);
            break;
        }
        case 'keyword-as-name':
            lines[5] = lines[5]!.replace('hw1', m.word);
            break;
        case 'junk':
            lines[m.line] = `${lines[m.line]} ${m.token}`;
            break;
        case 'long-word':
            lines[3] = lines[3]!.replace('/dev/sdb1', `/dev/${'x'.repeat(m.length - 5)}`);
            break;
        case 'long-string':
            lines[4] = lines[4]!.replace('"a b"', `"${'s'.repeat(m.length)}"`);
            break;
        case 'include':
            lines.push(`include "${m.pattern}";`);
            break;
        case 'case':
            lines[m.word === 'Global' ? 0 : m.word === 'RESOURCE' ? 2 : m.word === 'On' ? 5 : 4] =
                lines[m.word === 'Global' ? 0 : m.word === 'RESOURCE' ? 2 : m.word === 'On' ? 5 : 4]!.replace(m.word.toLowerCase(), m.word);
            break;
    }
    return lines;
}

const work = mkdtempSync(join(tmpdir(), 'drbd-syntax-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    await Promise.all(Array.from({ length: limit }, async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]!, i);
        }
    }));
    return results;
}

describe('parser vs drbdadm', () => {
    it('agrees on accept/reject and on the first error line for 300 generated configs', async () => {
        const mutations = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 2 }), { seed: 4711, numRuns: 300 });
        const disagreements = await mapLimit(mutations, 4, async (ms, i) => {
            const dir = join(work, `c${i}`);
            mkdirSync(join(dir, 'sub'), { recursive: true });
            writeFileSync(join(dir, 'sub', 'ok.res'), 'resource r9 { on hw1 { address 10.0.9.1:7788; } on hw2 { address 10.0.9.2:7788; } }\n');
            writeFileSync(join(dir, 'sub', 'bad.res'), 'resource r8 {\n  on hw1 { address 10.0.8.1:7788 }\n}\n');
            let lines = [...BASE];
            for (const m of ms) lines = applyTo(lines, m);
            const main = join(dir, 'drbd.conf');
            writeFileSync(main, lines.join('\n') + '\n');
            const oracle = await drbdadm(main);
            const ours = analyzeConfig(main, { kernelVersion: '9.2.12' });
            const weAccept = ours.exitCode === 0 && !ours.diagnostics.some((d) => d.severity === 'error');
            if (weAccept !== (oracle.rc === 0)) {
                return `${JSON.stringify(ms)}: drbdadm rc ${oracle.rc}, ours ${ours.exitCode}\n${oracle.err}`;
            }
            const first = /^(\S+?):(\d+): /m.exec(oracle.err);
            if (oracle.rc !== 0 && first && Number(first[2]) > 0) {
                const [file, line] = [basename(first[1]!), Number(first[2])];
                if (!ours.diagnostics.some((d) => basename(d.loc.file) === file && d.loc.line === line)) {
                    return `${JSON.stringify(ms)}: drbdadm says ${file}:${line}, we have ${ours.diagnostics.map((d) => `${basename(d.loc.file)}:${d.loc.line}`).join(' ')}\n${oracle.err}`;
                }
            }
            return undefined;
        });
        expect(disagreements.filter(Boolean)).toEqual([]);
    }, 180_000);
});

function applyTo(lines: string[], m: Mutation): string[] {
    const saved = BASE.splice(0, BASE.length, ...lines);
    try {
        return apply(m);
    } finally {
        BASE.splice(0, BASE.length, ...saved);
    }
}
