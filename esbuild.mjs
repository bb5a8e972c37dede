// Bundles the extension client, the language server and the CLI into dist/ (CommonJS, Node 20).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const minify = process.argv.includes('--minify');
const watch = process.argv.includes('--watch');
// Chevrotain needs Object.groupBy, which Node 20 lacks (see scripts/node20-polyfill.mjs).
const polyfill = readFileSync(new URL('./scripts/node20-polyfill.mjs', import.meta.url), 'utf8');

const options = {
    entryPoints: {
        extension: 'client/src/extension.ts',
        server: 'server/src/language/server-entry.ts',
        cli: 'server/src/cli/cli-entry.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: !minify,
    minify,
    logLevel: 'warning',
    banner: { js: polyfill },
    define: { DRBDCONF_VERSION: JSON.stringify(version) },
};

if (watch) {
    await (await esbuild.context(options)).watch();
} else {
    await esbuild.build(options);
}
