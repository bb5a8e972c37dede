/**
 * The crashes, hangs and wrong ranges the fuzzer found, one small input each: the analysis ends,
 * every diagnostic points into the text, and drbdadm's verdict is ours where drbdadm has one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drbdadm } from '../drbd/post-parse/oracle.js';
import { analyzeText, diagnosticProblems } from './invariants.js';

const dir = mkdtempSync(join(tmpdir(), 'drbd-fuzz-regressions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTS = 'on hw1 { address 10.0.0.1:7788; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; }';
const res = (body: string) => `resource r0 { device minor 1; disk /dev/sdb1; meta-disk internal; ${body} }\n`;

/** name → text; each used to throw, overflow the stack, hang or misplace a range. */
const CASES: Record<string, string> = {
    'skip block nested 10 000 deep': res(`${HOSTS} skip ${'{'.repeat(10_000)}${'}'.repeat(10_000)}`),
    'skip block nested 10 000 deep, never closed': `skip ${'{'.repeat(10_000)}`,
    '10 000 resources opened inside a host section': res(`on hw1 { address 10.0.0.1:7788; node-id 0${'resource r {'.repeat(10_000)}`),
    '10 000 host sections opened': res('on h { '.repeat(10_000)),
    'module version requirement without version': 'require-drbd-module-version-ge ;\n',
    'address statement without address': res('on hw1 { address ; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; }'),
    'address with a character in the IP': res('on hw1 { address 10.0.0\u{1F600}.1:7788; node-id 0; } on hw2 { address 10.0.0.2:7788; node-id 1; }'),
    'template-file without file name': `resource r0 {\r  template-file\r`,
    'node-id without number': res('on hw1 { address 10.0.0.1:7788; node-id ; } on hw2 { address 10.0.0.2:7788; node-id 1; }'),
    '_peer_node_id without number': res(`${HOSTS} connection { host hw1; host hw2; _peer_node_id ; }`),
    'lines ended by a bare CR': 'resource r0 {\r  device minor 8;; disk /dev/sdg1;\r}\r',
    'unterminated long string over bare CRs': `"${'resource r7 {\r'.repeat(30)}`,
    'unterminated string at a line end': '"resource r7 {\n  device minor 12;\n}\n',
};

describe('inputs the fuzzer broke the analysis with', () => {
    it.each(Object.entries(CASES))('%s', async (name, text) => {
        const file = join(dir, `${name.replace(/\W+/g, '-')}.res`);
        writeFileSync(file, text);
        const outcome = analyzeText(file, text);
        expect(diagnosticProblems(outcome.analysis.diagnostics, new Map([[file, text]]))).toEqual([]);
        const oracle = await drbdadm(file);
        if (oracle.rc === 0) expect(outcome.accepted, 'drbdadm accepts it').toBe(true);
    });

    it('accepts a 10 000-deep skip block, as drbdadm does', async () => {
        const file = join(dir, 'deep-skip.res');
        writeFileSync(file, CASES['skip block nested 10 000 deep']);
        expect((await drbdadm(file)).rc).toBe(0);
        expect(analyzeText(file, CASES['skip block nested 10 000 deep']).accepted).toBe(true);
    });

    it('does not wait for a writer on an included FIFO', () => {
        execFileSync('mkfifo', [join(dir, 'fifo.res')]);
        const file = join(dir, 'with-fifo.res');
        const text = `include "fifo.res";\n${res(HOSTS)}`;
        const outcome = analyzeText(file, text);
        expect(outcome.analysis.diagnostics.map((d) => `${d.loc.line}: ${d.message}`)).toContain(`1: Failed to open include file '${join(dir, 'fifo.res')}': not a regular file`);
    });

    it('says where an include cycle closes (drbdadm skips it silently)', () => {
        writeFileSync(join(dir, 'cycle-b.res'), 'include "cycle-a.res";\n');
        writeFileSync(join(dir, 'cycle-a.res'), `include "cycle-b.res";\n${res(HOSTS)}`);
        const outcome = analyzeText(join(dir, 'cycle-a.res'), `include "cycle-b.res";\n${res(HOSTS)}`);
        const info = outcome.analysis.diagnostics.find((d) => d.code === 'include/already-read');
        expect(info?.severity).toBe('info');
        expect(info?.loc.file).toBe(join(dir, 'cycle-b.res'));
        expect(info?.loc.line).toBe(1);
        expect(outcome.accepted).toBe(true);
    });
});
