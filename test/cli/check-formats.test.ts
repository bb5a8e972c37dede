/** `bin/drbdconf check` in each output format, and its exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('bin/drbdconf');
const dir = mkdtempSync(join(tmpdir(), 'drbd-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = 'resource r0 {\n    device minor 1;\n    on hw1 { address 10.0.0.1:7788; }\n    on hw2 { address 10.0.0.2:7788; }\n}\n';
/** Three `on` sections without connections: drbdadm only warns. */
const WARN = GOOD.replace('7788; }', '7788; node-id 0; }').replace('10.0.0.2:7788; }', '10.0.0.2:7788; node-id 1; }').replace('}\n}', '}\n    on hw3 { address 10.0.0.3:7788; node-id 2; }\n}');
const BAD = GOOD.replace('device minor 1;', 'device minor 1;\n    net { protocol D; }');
for (const [name, text] of Object.entries({ 'good.res': GOOD, 'warn.res': WARN, 'bad.res': BAD })) writeFileSync(join(dir, name), text);

function check(...args: string[]) {
    const r = spawnSync(CLI, ['check', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    return { rc: r.status, out: r.stdout, err: r.stderr };
}

describe('drbdconf check', () => {
    it('is silent and exits 0 on a valid config', () => {
        expect(check('-c', 'good.res')).toEqual({ rc: 0, out: '', err: '' });
    });

    it('prints FILE:LINE:COL: severity: MESSAGE and exits 1 on errors', () => {
        const r = check('-c', 'bad.res');
        expect(r.rc).toBe(1);
        expect(r.out).toBe("bad.res:3:20: error: Parse error: while parsing value ('D')\nfor protocol. Value is not valid.\nAllowed values are: A | B | C\n");
    });

    it('exits 0 with warnings only', () => {
        const r = check('-c', 'warn.res');
        expect(r.rc).toBe(0);
        expect(r.out).toMatch(/^warn\.res:\d+:\d+: warning: Resource r0:\n\tUse explicit 'connection' sections/);
    });

    it('gives JSON rows with 1-based positions and stable codes', () => {
        const r = check('-c', 'bad.res', '--format', 'json');
        expect(r.rc).toBe(1);
        const report = JSON.parse(r.out);
        expect(report).toMatchObject({ utilsVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/), utilsVersionFrom: expect.any(String) });
        expect(report.diagnostics).toContainEqual({
            file: 'bad.res', line: 3, column: 20, endLine: 3, endColumn: 21, severity: 'error',
            message: "Parse error: while parsing value ('D')\nfor protocol. Value is not valid.\nAllowed values are: A | B | C", code: 'option/value',
        });
    });

    it('gives SARIF 2.1.0', () => {
        const sarif = JSON.parse(check('-c', 'bad.res', '--format', 'sarif').out);
        expect(sarif.version).toBe('2.1.0');
        const [result] = sarif.runs[0].results;
        expect(result).toMatchObject({ ruleId: 'option/value', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.res' }, region: { startLine: 3, startColumn: 20 } } }] });
        expect(sarif.runs[0].tool.driver.rules).toContainEqual({ id: 'option/value' });
    });

    it('exits 2 with one line on usage errors', () => {
        const r = check('-c', 'good.res', '--format', 'xml');
        expect(r).toMatchObject({ rc: 2, out: '' });
        expect(r.err.trim().split('\n')).toHaveLength(1);
        expect(check('--bogus').rc).toBe(2);
    });
});
