/**
 * The shape of an analysis after an edit, not its time: in a workspace of 1 000
 * included files, an edit builds again only the resources of the edited file; the other 999
 * are replayed from the resource build cache, and their findings stay the same. In one file of
 * many resources, what was recorded of the ones an edit moved by lines moves with them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyzeConfig } from '../../../server/src/reader/analyze.js';
import { createDrbdServices } from '../../../server/src/language/drbd-module.js';
import { editOpen } from '../editor-edit.js';

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
    await editOpen(shared, path(file), text);
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
    test('replay the resources an edit did not move, move the records of those it moved by lines, and replay them at the next edit', async () => {
        const cache = configurations.buildCache;
        // Opened in the editor: the edits re-parse only what they touch from here on.
        await edit('drbd.d/many.res', oneFile());
        const [builds, recorded] = [cache.builds, cache.recorded];
        const counted = () => [cache.builds - builds, cache.recorded - recorded];
        // Within a line: only the edited resource is new; the 299 others start where they did.
        await edit('drbd.d/many.res', oneFile(55));
        expect(findings().map((d) => d.loc.file)).toContain(path('drbd.d/many.res'));
        expect(counted()).toEqual([1, 1]);

        // A line added at the top and r1005 edited back: one change from the top to r1005, whose
        // six resources are parsed and built again. It moves the other 294 by a line: what was
        // recorded of them and their post-parse moves with them.
        let [b, r] = counted();
        let [moved, runs] = [cache.moved, cache.postParse.runs];
        await edit('drbd.d/many.res', `# a line more\n${oneFile()}`);
        expect(findings()).toEqual([]);
        expect(counted()).toEqual([b + 6, r + 6]);
        expect(cache.moved - moved).toBe(ONE_FILE - 6);
        // Post-parse runs for those six and for r1055, whose steps the conflict had changed.
        expect(cache.postParse.runs - runs).toBe(7);

        // Typing on in that line moves none: all 300 are replayed.
        [b, r] = counted();
        await edit('drbd.d/many.res', `# a line more, typed on\n${oneFile()}`);
        expect(findings()).toEqual([]);
        expect(counted()).toEqual([b, r]);

        // Another file changes (its resource is built and recorded): this one's are replayed,
        // and so is their post-parse.
        [b, r] = counted();
        runs = cache.postParse.runs;
        await edit('drbd.d/r7.res', `# moved down a line\n${resource(7)}`);
        expect(findings()).toEqual([]);
        expect(counted()).toEqual([b + 1, r + 1]);
        expect(cache.postParse.runs - runs).toBe(1);

        [b, r] = counted();
        runs = cache.postParse.runs;
        await edit('drbd.d/r7.res', resource(7));
        expect(findings()).toEqual([]);
        expect(counted()).toEqual([b + 1, r + 1]);
        expect(cache.postParse.runs - runs).toBe(1);
    });

    test('give the analysis of a full build after any edit', async () => {
        // Edits that keep, add and remove lines, within and between resources (bounded, seeded).
        let text = oneFile();
        let seed = 7;
        const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
        for (let i = 0; i < 30; i++) {
            const r = next(ONE_FILE);
            const at = text.indexOf(`resource r${1000 + r} {`);
            switch (next(4)) {
                case 0: text = text.replace(/device minor \d+;/, `device minor ${1000 + next(ONE_FILE)};`); break;
                case 1: text = `${text.slice(0, at)}# note ${i}\n${text.slice(at)}`; break;
                case 2: text = text.replace(/# note \d+\n/, ''); break;
                default: text = `${text.slice(0, at)}  ${text.slice(at)}`;
            }
            await edit('drbd.d/many.res', text);
            // The whole model, locations included, not only the findings.
            const analysis = configurations.analysis(main());
            expect(JSON.stringify(analysis)).toBe(JSON.stringify(analyzeConfig(main(), {}, configurations.currentSource())));
        }
    });
});
