/**
 * The resource build cache changes nothing drbdadm-visible: over random edit sequences in a
 * configuration of several included files, an analysis with the cache (kept across the edits,
 * as the language server keeps it) equals one without, and the cache builds again only the
 * resources of the edited file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeConfig, type AnalyzeOptions } from '../../../server/src/reader/analyze.js';
import type { ConfigSource, ParsedSource } from '../../../server/src/reader/build/build-config.js';
import { ResourceBuildCache } from '../../../server/src/reader/build/resource-cache.js';
import { parseDrbdText } from '../../../server/src/reader/load-config.js';
import { resourceGen } from '../../drbd/post-parse/gen-config.js';

const FILES = ['f0.res', 'f1.res', 'f2.res'];
const dir = mkdtempSync(join(tmpdir(), 'drbd-build-cache-'));
// The include glob lists the directory; the texts come from memory.
for (const f of FILES) writeFileSync(join(dir, f), '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const main = join(dir, 'drbd.conf');

/**
 * Files as the editor holds them: a file keeps its parse (its syntax tree objects) until its
 * text changes.
 */
class EditedFiles implements ConfigSource {
    private readonly parsed = new Map<string, { text: string; source: ParsedSource }>();
    constructor(private readonly texts: Map<string, string>) {}
    read(path: string): ParsedSource | string {
        const text = this.texts.get(path);
        if (text === undefined) return 'No such file or directory';
        let known = this.parsed.get(path);
        if (known?.text !== text) this.parsed.set(path, (known = { text, source: parseDrbdText(text, path) }));
        return known.source;
    }
    realpath(path: string): string {
        return path;
    }
}

const mainText = fc.constantFrom(
    'global { usage-count no; }\ninclude "f*.res";\n',
    'global { usage-count no; }\ncommon { net { protocol C; } disk { al-extents 3833; } }\ninclude "f*.res";\n',
    'include "f*.res";\nresource r9 { device minor 1; disk /dev/sdz; meta-disk internal; on hw1 { address 10.9.0.1:7788; } on hw2 { address 10.9.0.2:7788; } }\n',
);
/** A resource whose post-parse message points at the main file's end before 9.28. */
const MIXED_VOLUMES = '\nresource rm { device minor 7; disk /dev/sdc; meta-disk internal; volume 1 { device minor 8; disk /dev/sdd; meta-disk internal; }'
    + ' on hw1 { address 10.7.0.1:7788; } on hw2 { address 10.7.0.2:7788; } }\n';
/** Resources named from a small pool and numbered from a small range: duplicates across files happen. */
const fileText = fc.array(fc.tuple(fc.constantFrom('r0', 'r1', 'r2', 'r3'), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 2 })
    .chain((items) => fc.tuple(...items.map(([name, n]) => resourceGen(name, n))))
    .chain((resources) => fc.constantFrom(resources.join('\n') + '\n', `# moved\n${resources.join('\n')}\n`, resources.join('\n').replace(/;/, ';;') + '\n', resources.join('\n') + MIXED_VOLUMES));
const mainLines = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }));
const options = fc.constantFrom<AnalyzeOptions>({}, { hostname: 'hw1', mode: 'command' }, { hostname: 'hw2' });

/** What an analysis tells: everything but the identity of its objects. */
const told = (options: AnalyzeOptions, source: ConfigSource, cache?: ResourceBuildCache) =>
    JSON.stringify(analyzeConfig(main, { kernelVersion: '9.2.0', ...options, cache }, source));

describe('the resource build cache', () => {
    it('gives the same analyses as building everything, over random edit sequences', () => {
        fc.assert(fc.property(
            mainText, fc.tuple(...FILES.map(() => fileText)),
            // File -1 is the main file: lines added at its end or start move where messages before 9.28 point.
            fc.array(fc.tuple(fc.integer({ min: -1, max: FILES.length - 1 }), fileText, options, mainLines), { minLength: 1, maxLength: 6 }),
            (mainContent, initial, edits) => {
                const texts = new Map([[main, mainContent], ...FILES.map((f, i) => [join(dir, f), initial[i]] as const)]);
                const source = new EditedFiles(texts);
                const cache = new ResourceBuildCache();
                expect(told({}, source, cache)).toBe(told({}, source));
                for (const [file, text, opts, [before, after]] of edits) {
                    if (file < 0) texts.set(main, '\n'.repeat(before) + mainContent + '\n'.repeat(after));
                    else texts.set(join(dir, FILES[file]), text);
                    // Twice: a replay must not be changed by the post-parse of the copy before it.
                    expect(told(opts, source, cache)).toBe(told(opts, source));
                    expect(told(opts, source, cache)).toBe(told(opts, source));
                }
            },
        ), { numRuns: 150 });
    });
});
