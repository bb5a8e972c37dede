/**
 * The extension bundle carries the runner (and drbdadm's host-name rule it checks hosts with) but
 * none of the language server (types only from the protocol).
 */
import { build } from 'esbuild';
import { expect, test } from 'vitest';

test('client/src/extension.ts bundles only client code and common/src/remote', async () => {
    const result = await build({
        entryPoints: ['client/src/extension.ts'],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format: 'cjs',
        external: ['vscode'],
        logLevel: 'silent',
    });
    // (node_modules may be a link to another checkout's: `../main/node_modules/...`)
    const ours = Object.keys(result.metafile.inputs).filter((f) => !/(^|\/)node_modules\//.test(f));
    expect(ours.filter((f) => !/^(client\/src|common\/src)\//.test(f) && !['server/src/drbd/hostnames.ts', 'server/src/drbd/up/shell-escape.ts'].includes(f))).toEqual([]);
    expect(ours).toContain('common/src/remote/run.ts');
});
