// Bundles the extension client, the language server and the CLI into dist/ (CommonJS, Node 20).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const minify = process.argv.includes('--minify');
const watch = process.argv.includes('--watch');

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
    define: { DRBDCONF_VERSION: JSON.stringify(version) },
};

if (watch) {
    await (await esbuild.context(options)).watch();
} else {
    await esbuild.build(options);
}
