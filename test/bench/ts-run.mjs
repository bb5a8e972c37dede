// Runs a TypeScript module of the project in this process: bundled on the fly with esbuild
// (packages stay external and resolve from the project's node_modules).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Each project file keeps its own `import.meta.url` (bundled, it would be the bundle's). */
const ownFileUrls = {
    name: 'own-file-urls',
    setup(build) {
        build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
            const text = readFileSync(args.path, 'utf8');
            if (!text.includes('import.meta.url')) return undefined;
            return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
        });
    },
};

/** Imports `entry` (a path relative to the project root) and returns its module. */
export async function importTs(entry) {
    const outdir = join(root, 'node_modules', '.cache', 'drbd-bench');
    mkdirSync(outdir, { recursive: true });
    const outfile = join(outdir, `${basename(entry, '.ts')}-${process.pid}.mjs`);
    await esbuild.build({
        absWorkingDir: root, entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm',
        packages: 'external', logLevel: 'warning', plugins: [ownFileUrls],
    });
    try {
        return await import(pathToFileURL(outfile).href);
    } finally {
        rmSync(outfile, { force: true });
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    await importTs(process.argv[2]);
}
