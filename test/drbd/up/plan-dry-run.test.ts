/** The CLI entry `dryRunCommand`: what it refuses before planning, checked against the real tools. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dryRunCommand, isValidHostname } from '../../../server/src/cli/plan-dry-run.js';
import { ENV, hostnameAccepts, runDrbdadm, runOurs } from './oracle.js';
import { openConfig } from '../../../server/src/cli/config-input.js';
import { diskSource } from '../../../server/src/reader/load-config.js';
import { DEFAULT_RELEASE } from '../../../server/src/drbd/release.js';

const root = mkdtempSync(join(tmpdir(), 'drbdconf-dry-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const saved = process.env.DRBD_DRIVER_VERSION_OVERRIDE;
afterEach(() => {
    if (saved === undefined) delete process.env.DRBD_DRIVER_VERSION_OVERRIDE;
    else process.env.DRBD_DRIVER_VERSION_OVERRIDE = saved;
});

describe('dryRunCommand', () => {
    it('takes only host names a machine can have (as hostname(1) decides)', async () => {
        const names = ['hw1', 'a-b', 'a--b', '1a', 'a.b.c', '10.1.0.4', 'rocky-8.9_b', 'a-', 'a..b', '.a', 'a.', 'a.-b', 'a-.b', 'x'.repeat(64), 'x'.repeat(65), 'a b'];
        expect(names.map(isValidHostname)).toEqual(await hostnameAccepts(names));
        expect(runOurs((o, e) => dryRunCommand('up', { mainFile: '/nonexistent', source: diskSource }, 'a_b', 'all', DEFAULT_RELEASE, o, e))).toMatchObject({ rc: 1, out: '' });
    });

    it('judges require-drbd-module-version like drbdadm, with and without a module version', async () => {
        const file = join(root, 'mv.conf');
        writeFileSync(file, 'require-drbd-module-version-eq 9.2.12;\nresource r0 {\n  device minor 1; disk /dev/sdb;\n' +
            '  on hw1 { address 10.0.0.1:7000; }\n  on hw2 { address 10.0.0.2:7000; }\n}\n');
        const call = [{ host: 'hw1', verb: 'up' as const, selection: ['all'] }];
        for (const version of ['9.2.12', '9.2.11', undefined]) {
            const env = { ...ENV };
            delete env.DRBD_DRIVER_VERSION_OVERRIDE;
            if (version) env.DRBD_DRIVER_VERSION_OVERRIDE = version;
            const [want] = await runDrbdadm(root, file, call, env);
            if (version) process.env.DRBD_DRIVER_VERSION_OVERRIDE = version;
            else delete process.env.DRBD_DRIVER_VERSION_OVERRIDE;
            const got = runOurs((o, e) => dryRunCommand('up', openConfig(file, process.cwd()), 'hw1', 'all', DEFAULT_RELEASE, o, e));
            expect({ out: got.out, rc: got.rc }).toEqual({ out: want.out, rc: want.rc });
        }
    });

    it('prints drbdadm\'s messages up to its first fatal one, an included file by the path it was included as', async () => {
        const dir = join(root, 'inc');
        mkdirSync(join(dir, 'drbd.d'), { recursive: true });
        const main = join(dir, 'drbd.conf');
        writeFileSync(main, 'include "drbd.d/*.res";\n');
        writeFileSync(join(dir, 'drbd.d', 'r0.res'), 'resource r0 {\n  device minor 1; disk /dev/sdb;\n  on hw1 { address foo 10.0.0.1:7000; }\n' +
            '  on hw2 { address 10.0.0.2:7000; }\n}\nresource resource {\n}\n');
        const [want] = await runDrbdadm(dir, main, [{ host: 'hw1', verb: 'up', selection: ['all'] }]);
        const got = runOurs((o, e) => dryRunCommand('up', openConfig(main, process.cwd()), 'hw1', 'all', DEFAULT_RELEASE, o, e));
        expect(want.err).toContain('drbd.d/r0.res:3: ');
        expect({ err: got.err, rc: got.rc }).toEqual({ err: want.err, rc: want.rc });
    });
});
