/**
 * Lines added and removed in a file open in the editor move the resources below them, and what
 * was built and recorded of those moves with them (LineShift): over random line edits of
 * generated configurations (conflicts, errors, inherited options, messages that point at the
 * main file's end), as each drbd-utils release reads them, the analysis, locations included,
 * is that of building everything.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeConfig } from '../../../server/src/reader/analyze.js';
import { LineShift } from '../../../server/src/reader/build/line-shift.js';
import { createDrbdServices } from '../../../server/src/language/drbd-module.js';
import type { ReleaseVersion } from '../../../server/src/drbd/release.js';
import { resourceGen } from '../../drbd/post-parse/gen-config.js';
import { editOpen } from '../../language/editor-edit.js';

const dir = mkdtempSync(join(tmpdir(), 'drbd-line-shift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const main = join(dir, 'drbd.conf');

const COMMON = 'common { net { protocol C; } disk { al-extents 3833; } }\n';
/** A resource without findings: its records are moved, not recorded again. */
const clean = (n: number) => fc.constant(`resource c${n} {\n  device minor ${100 + n}; disk /dev/sdc${n}; meta-disk internal;\n`
    + `  on hw1 { address 10.1.0.1:${7000 + n}; node-id 0; }\n  on hw2 { address 10.1.0.2:${7000 + n}; node-id 1; }\n}`);
/**
 * Up to ten resources: all without findings, or some of them, the others named from a small
 * pool (duplicate names and shared minors happen).
 */
const config = fc.tuple(fc.boolean(), fc.array(fc.tuple(fc.constantFrom('r0', 'r1', 'r2', 'r3', 'c'), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 10 }))
    .chain(([allClean, items]) => fc.tuple(fc.boolean(), ...items.map(([name, n], i) => (allClean || name === 'c' ? clean(i) : resourceGen(name, n)))))
    .map(([common, ...resources]) => (common ? COMMON : '') + resources.join('\n') + '\n');

/** Which line (modulo the lines there are), and what: a line break, a comment line, a line removed or split. */
const lineEdit = fc.tuple(fc.nat({ max: 999 }), fc.constantFrom('break', 'comment', 'remove', 'split'));

function applied(text: string, [where, what]: [number, string]): string {
    const lines = text.split('\n');
    const at = where % lines.length;
    if (what === 'break') lines.splice(at, 0, '');
    else if (what === 'comment') lines.splice(at, 0, '# a note');
    else if (what === 'remove' && lines.length > 1) lines.splice(at, 1);
    // A line broken in two where it starts its second word (inside a statement, or between two).
    else if (what === 'split') lines[at] = lines[at].replace(/(\S)(\s+)(\S)/, '$1\n$3');
    return lines.join('\n');
}

describe('resources moved by lines', () => {
    it('are analysed as a full build analyses them, over random line edits', async () => {
        const releases: ReleaseVersion[] = ['9.15.0', '9.22.0', '9.28.0', '9.34.0'];
        await fc.assert(fc.asyncProperty(config, fc.constantFrom(...releases), fc.array(lineEdit, { minLength: 1, maxLength: 8 }), async (initial, release, edits) => {
            const { shared, Drbd } = createDrbdServices(NodeFileSystem);
            const configurations = Drbd.drbd.Configurations;
            configurations.release = release;
            let text = initial;
            writeFileSync(main, text);
            await shared.workspace.DocumentBuilder.build([await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(main))], { validation: true });
            await editOpen(shared, main, text);
            for (const edit of edits) {
                text = applied(text, edit);
                await editOpen(shared, main, text);
                const fresh = analyzeConfig(main, { release }, configurations.currentSource());
                expect(JSON.stringify(configurations.analysis(main))).toBe(JSON.stringify(fresh));
            }
            expect(configurations.buildCache.moved + configurations.buildCache.builds).toBeGreaterThan(0);
        }), { numRuns: 60 });
    }, 120_000);
});

describe('a line shift', () => {
    it('moves each location once however often it is reached, and gives up on a cycle instead of recursing', () => {
        const loc = { file: 'f', line: 3, startLine: 2, startChar: 0, endLine: 4, endChar: 1 };
        const host: Record<string, unknown> = { loc, options: [{ loc }] };
        const shift = new LineShift('f', 2, 4, 1);
        expect(shift.model({ allHosts: [host], me: host, loc })).toBe(true);
        expect(loc).toEqual({ file: 'f', line: 4, startLine: 3, startChar: 0, endLine: 5, endChar: 1 });
        host.self = host;
        expect(new LineShift('f', 3, 5, 1).model({ allHosts: [host] })).toBe(false);
    });
});
