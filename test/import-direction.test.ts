/**
 * Imports run one way (docs/architecture.md): the DRBD core and the syntax know nothing of each
 * other or of anything above them; the reader builds the model from the syntax; the code the
 * client and server share sits on the reader; the language server and the CLI sit on top; the
 * client takes only the shared code (which bundles two leaves of the core: drbdadm's host-name
 * rule and its shell escape; test/client/bundle-boundary.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(__dirname, '..');

/** Each layer, by folder, and the layers it may import besides itself. */
const LAYERS: Record<string, readonly string[]> = {
    'server/src/drbd': [],
    'server/src/syntax': [],
    'server/src/reader': ['server/src/drbd', 'server/src/syntax'],
    'common/src': ['server/src/drbd', 'server/src/reader'],
    'server/src/language': ['server/src/drbd', 'server/src/syntax', 'server/src/reader', 'common/src'],
    'server/src/cli': ['server/src/drbd', 'server/src/syntax', 'server/src/reader', 'common/src', 'server/src/language'],
    'client/src': ['common/src'],
};

function layerOf(file: string): string | undefined {
    return Object.keys(LAYERS).find((layer) => file === layer || file.startsWith(`${layer}/`));
}

function* sourceFiles(dir: string): Generator<string> {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) yield* sourceFiles(path);
        else if (entry.name.endsWith('.ts')) yield path;
    }
}

/** Every relative import and export-from of a file, as repository paths (`.js` read as `.ts`). */
function importsOf(file: string): string[] {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const specifiers = [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
    return specifiers.map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)).replace(/\.js$/, '.ts'));
}

test('every import goes down the layers, never up or sideways', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const layer of Object.keys(LAYERS)) {
        for (const file of sourceFiles(layer)) {
            for (const target of importsOf(file)) {
                checked++;
                const to = layerOf(target);
                const allowed = to === layer || LAYERS[layer]!.some((a) => target === a || target.startsWith(`${a}/`));
                if (!allowed) wrong.push(`${file} imports ${target} (${to ?? 'outside the sources'})`);
            }
        }
    }
    expect(checked).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
});

test('the layer test sees an upward import', () => {
    const target = importsOf('server/src/reader/load-config.ts');
    expect(target.some((t) => layerOf(t) === 'server/src/syntax')).toBe(true);
});
