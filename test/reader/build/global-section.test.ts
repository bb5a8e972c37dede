/**
 * `global {}` statements that lost their `;`: drbdadm reads one value, wants the `;` and stops on
 * the next word. Compared with the real drbdadm: same first error, same line, same verdict.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeConfig } from '../../../server/src/reader/analyze.js';
import { DEFAULT_RELEASE } from '../../../server/src/drbd/release.js';
import { drbdadmAsSync, NO_SECTION_HOST } from '../../oracle.js';

const RESOURCE = 'resource r0 {\n on a { device minor 1; disk /dev/a; address 10.0.0.1:7000; meta-disk internal; }\n on b { device minor 1; disk /dev/a; address 10.0.0.2:7000; meta-disk internal; }\n}\n';
const dir = mkdtempSync(join(tmpdir(), 'drbdconf-global-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STATEMENTS = [
    'usage-count no disable-ip-verification;',
    'dialog-refresh 5 usage-count no;',
    'minor-count 5 usage-count no;',
    'disable-ip-verification usage-count no;',
    'usage-count no "quoted";',
    'minor-count 5 6;',
    'usage-count no;\n  disable-ip-verification;',
];

describe('global {} without its ;', () => {
    it.each(STATEMENTS)('%j: drbdadm\'s first error, at its line', (statement) => {
        const file = join(dir, 'drbd.conf');
        writeFileSync(file, `global {\n  ${statement}\n}\n${RESOURCE}`);
        const want = drbdadmAsSync(NO_SECTION_HOST, ['-c', file, 'dump', 'all']);
        const first = /^(.*?):(\d+): ((?:.|\n\t)*)$/m.exec(want.err.split('\n').filter((l) => !l.includes('modinfo')).join('\n'));
        const analysis = analyzeConfig(file, { release: DEFAULT_RELEASE });
        const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
        if (want.rc === 0) {
            expect(errors).toEqual([]);
            return;
        }
        expect(analysis.exitCode).toBe(want.rc);
        expect(first, want.err).not.toBeNull();
        expect({ line: errors[0]?.loc.line, message: errors[0]?.message }).toEqual({ line: Number(first![2]), message: first![3]!.trimEnd() });
    });
});
