/**
 * The shape of an analysis after an edit (issue 10), not its time: in a workspace of 1 000
 * included files, an edit builds again only the resources of the edited file; the other 999
 * are replayed from the resource build cache, and their findings stay the same. In one file of
 * many resources, an edit builds them directly (their locations moved) and records none but
 * the edited one until the file stays the same.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyzeConfig } from '../../../server/src/drbd/analyze.js';
import { createDrbdServices } from '../../../server/src/language/drbd-module.js';

const COUNT = 1000;
let dir: string;
const { shared, Drbd } = createDrbdServices(NodeFileSystem);
const configurations = Drbd.drbd.Configurations;
const path = (file: string) => join(dir, file);
const main = () => path('drbd.conf');

/** Resource i on hosts h(i%50) and h(i+1 %50): r5 and r55 share both hosts. */
function resource(i: number, minor = i): string {
    const on = (h: number, id: number) => `    on h${h} { address 10.0.${h}.1:${7000 + i}; node-id ${id}; }`;
    return `resource r${i} {\n    device minor ${minor}; disk /dev/vg/r${i}; meta-disk internal;\n${on(i % 50, 0)}\n${on((i + 1) % 50, 1)}\n}\n`;
}

async function edit(file: string, text: string): Promise<void> {
    configurations.analysis(main());
    writeFileSync(path(file), text);
    await shared.workspace.DocumentBuilder.update([URI.file(path(file))], []);
}

/** The analysis' findings, compared with an analysis that builds every resource. */
function findings() {
    const analysis = configurations.analysis(main());
    const fresh = analyzeConfig(main(), {}, configurations.currentSource());
    expect(JSON.stringify(analysis.diagnostics)).toBe(JSON.stringify(fresh.diagnostics));
    return analysis.diagnostics;
}

const ONE_FILE = 300;
const oneFile = (minor5 = 5) => Array.from({ length: ONE_FILE }, (_, i) => resource(1000 + i, i === 5 ? 1000 + minor5 : 1000 + i)).join('');

beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drbd-configurations-'));
    mkdirSync(path('drbd.d'));
    writeFileSync(main(), 'global { usage-count no; }\ninclude "drbd.d/*.res";\n');
    for (let i = 0; i < COUNT; i++) writeFileSync(path(`drbd.d/r${i}.res`), resource(i));
    writeFileSync(path('drbd.d/many.res'), oneFile());
    const files = ['drbd.conf', 'drbd.d/many.res', ...Array.from({ length: COUNT }, (_, i) => `drbd.d/r${i}.res`)];
    const documents = await Promise.all(files.map((f) => shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(path(f)))));
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an edit in one of 1 000 included files', () => {
    test('the first analysis builds every resource once', () => {
        expect(findings()).toEqual([]);
        expect(configurations.buildCache.builds).toBe(COUNT + ONE_FILE);
    });

    test('builds the edited file’s resource again, and none of the other 999', async () => {
        const before = configurations.buildCache.builds;
        await edit('drbd.d/r5.res', resource(5, 55));
        const conflict = findings();
        expect(conflict.map((d) => d.loc.file)).toContain(path('drbd.d/r55.res'));
        expect(configurations.buildCache.builds).toBe(before + 1);

        await edit('drbd.d/r5.res', `# moved down a line\n${resource(5)}`);
        expect(findings()).toEqual([]);
        expect(configurations.buildCache.builds).toBe(before + 2);
    });
});

describe('edits in a file of 300 resources', () => {
    test('build its resources directly while it changes, and record them once it stays the same', async () => {
        const cache = configurations.buildCache;
        const [builds, recorded] = [cache.builds, cache.recorded];
        await edit('drbd.d/many.res', oneFile(55));
        expect(findings().map((d) => d.loc.file)).toContain(path('drbd.d/many.res'));
        // The edited resource is new; the 299 others moved with their re-parsed file.
        expect([cache.builds - builds, cache.recorded - recorded]).toEqual([ONE_FILE, 1]);

        await edit('drbd.d/many.res', oneFile());
        expect(findings()).toEqual([]);
        expect([cache.builds - builds, cache.recorded - recorded]).toEqual([2 * ONE_FILE, 2]);

        // Another file changes (its resource is built and recorded): this one stayed the same, and
        // its 299 directly built resources are recorded now; then all 300 are replayed.
        await edit('drbd.d/r7.res', `# moved down a line\n${resource(7)}`);
        expect(findings()).toEqual([]);
        expect([cache.builds - builds, cache.recorded - recorded]).toEqual([3 * ONE_FILE, ONE_FILE + 2]);

        await edit('drbd.d/r7.res', resource(7));
        expect(findings()).toEqual([]);
        expect([cache.builds - builds, cache.recorded - recorded]).toEqual([3 * ONE_FILE + 1, ONE_FILE + 3]);
    });
});
