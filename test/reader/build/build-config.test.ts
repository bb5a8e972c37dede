/**
 * Each file is read once, however the includes reach it (a glob through a linked directory, a
 * linked file, `..` in the path): checked against drbdadm's own reading of the same tree.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeConfig } from '../../../server/src/reader/analyze.js';
import { drbdadmAsSync, NO_SECTION_HOST } from '../../oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'drbd-realpath-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const resource = (n: number) => `resource r${n} {\n    device minor ${n};\n    disk /dev/vg/r${n};\n    meta-disk internal;\n`
    + `    on a { address 10.0.0.1:${7000 + n}; }\n    on b { address 10.0.0.2:${7000 + n}; }\n}\n`;

describe('buildConfig reads every file once', () => {
    it('through linked directories, linked files and dot-dot paths, as drbdadm does', () => {
        mkdirSync(join(dir, 'drbd.d'));
        writeFileSync(join(dir, 'drbd.d/r0.res'), resource(0));
        writeFileSync(join(dir, 'drbd.d/r1.res'), resource(1));
        symlinkSync('drbd.d', join(dir, 'linked'));
        symlinkSync('drbd.d/r0.res', join(dir, 'alias.res'));
        const main = join(dir, 'drbd.conf');
        writeFileSync(main, 'include "drbd.d/*.res";\ninclude "linked/*.res";\ninclude "alias.res";\ninclude "./drbd.d/../drbd.d/r1.res";\n');

        const drbdadm = drbdadmAsSync(NO_SECTION_HOST, ['-c', main, 'dump', 'all']);
        const ours = analyzeConfig(main, { kernelVersion: '9.2.12' });
        expect(drbdadm.rc).toBe(0);
        expect(ours.exitCode).toBe(0);
        expect(ours.config.resources.map((r) => r.name)).toEqual([...drbdadm.out.matchAll(/^resource (\S+)/gm)].map((m) => m[1]));
        expect(ours.files.map((f) => f.path)).toEqual([main, join(dir, 'drbd.d/r0.res'), join(dir, 'drbd.d/r1.res')]);
    });
});
