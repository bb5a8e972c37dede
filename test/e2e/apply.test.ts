/**
 * End to end: DRBD: Apply in a real VS Code (code-server in headless Chromium, the packaged
 * extension) against two simulated hosts behind real sshd (test/harness/rig.ts) running r0: an
 * option changed in the editor is previewed per host (the file's diff, the host's own adjust
 * commands), confirmed, installed and adjusted. Expected commands come from the real drbdadm.
 * Screenshots go to test-output/e2e/; apply-preview.png (a host's diff behind the question, the
 * preview in the output) is docs/images/apply-preview.png.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseDryRun } from '../../common/src/remote/dry-run.js';
import { dryRunLine } from '../../server/src/drbd/up/shell-escape.js';
import { r0Text, runningR0 } from '../harness/apply-fixture.js';
import type { Rig } from '../harness/rig.js';
import { drbdadmAsSync, INSTALLED_RELEASE } from '../oracle.js';
import { codeServerSession, startE2eWorld, stopE2eWorld, waitFor } from './session.js';
import { ROOT, type Tools } from './tools.js';

const HOSTS = ['hw1', 'hw2'];
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string };
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const MAIN = 'include "drbd.d/global_common.conf";\ninclude "drbd.d/*.res";\n';
const CHANGE = 'max-buffers 8000; ';

let tools: Tools;
let vsix: string;
let browser: Browser;
let rig: Rig;
let folder: string;
const addr = (h: string) => rig.hosts[h].address;
const etc = (h: string, rel: string) => join(rig.hosts[h].dir, 'etc', rel);

beforeAll(async () => {
    ({ tools, vsix, browser, rig } = await startE2eWorld('build-apply', HOSTS));
    // The editor's folder is the hosts' /etc/drbd.conf layout; only r0.res differs: one option more.
    folder = mkdtempSync(join(tmpdir(), 'drbd-e2e-apply-'));
    mkdirSync(join(folder, 'drbd.d'));
    writeFileSync(join(folder, 'drbd.conf'), MAIN);
    writeFileSync(join(folder, 'drbd.d', 'global_common.conf'), readFileSync(etc('hw1', 'drbd.d/global_common.conf')));
    writeFileSync(join(folder, 'drbd.d', 'r0.res'), r0Text(addr, HOSTS, CHANGE));
    for (const h of HOSTS) {
        rig.install(h, 'r0.res', r0Text(addr, HOSTS));
        rig.setKernel(h, 'r0', runningR0(addr, h, HOSTS));
    }
}, 20 * 60_000);

afterAll(() => stopE2eWorld(browser, rig, folder), 30_000);

const s = codeServerSession(() => ({ codeServer: tools.codeServer, vsix, browser, folder, settings: { 'drbd.ssh.configFile': rig.sshConfig }, trusted: true, knownFile: 'drbd.conf' }));

/** What the real drbdadm runs on `host` for the editor's configuration against the host's kernel state. */
function adjustOracle(host: string): string[][] {
    const show = join(rig.dir, `show-${host}`);
    writeFileSync(show, runningR0(addr, host, HOSTS).show);
    const res = drbdadmAsSync(host, ['-c', join(folder, 'drbd.conf'), '-d', 'adjust', 'r0'], 10_000, { ...INSTALLED_RELEASE, env: { ...INSTALLED_RELEASE.env, FAKE_DRBDSETUP_SHOW: show } });
    expect(res.rc, res.err).toBe(0);
    return parseDryRun(res.out);
}

test('DRBD: Apply from the palette: per-host preview (diff, adjust commands), confirmation, the files land, adjust runs what each host previewed', async () => {
    const expected = Object.fromEntries(HOSTS.map((h) => [h, adjustOracle(h)]));
    for (const h of HOSTS) expect(expected[h].map((a) => a[1])).toEqual(['net-options']);
    const { wb, vs } = s;
    await wb.openFile('r0.res');
    await wb.goToLine(2);
    await wb.command('DRBD: Apply');

    const dialog = await wb.dialog(/DRBD: Apply r0\?/);
    for (const h of HOSTS) expect(dialog.detail).toContain(`${h}: /etc/drbd.d/r0.res; 1 adjust command`);
    // The preview in the DRBD output: per host the file's diff and the host's own adjust commands.
    const log = await waitFor('the preview in the DRBD output', () => {
        const text = vs.outputLog(EXTENSION_ID, 'DRBD');
        return HOSTS.every((h) => text.includes(`${h} — hostname ${h}`)) && text.includes(`+   net { protocol C; ${CHANGE}}`) && text;
    }, 30_000);
    for (const h of HOSTS) expect(log).toContain(`1. ${dryRunLine(expected[h][0])}`);
    await wb.screenshot('apply-output');

    // One click per file: hw2's diff in VS Code's diff editor, then the question again.
    await dialog.box.locator('.monaco-button', { hasText: /^Show changes/ }).click();
    await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'hw2: /etc/drbd.d/r0.res' }).first().click();
    await wb.page.locator('.tabs-container .tab', { hasText: 'hw2: /etc/drbd.d/r0.res' }).waitFor();
    const again = await wb.dialog(/DRBD: Apply r0\?/);
    await wb.screenshot('apply-preview');
    await again.box.locator('.monaco-button', { hasText: /^Apply$/ }).click();

    expect(await wb.notification('DRBD: Apply r0: applied')).toContain(`applied on ${HOSTS.join(', ')}.`);
    await wb.screenshot('apply-summary');
    for (const h of HOSTS) {
        expect(readFileSync(etc(h, 'drbd.d/r0.res'), 'utf8')).toBe(readFileSync(join(folder, 'drbd.d', 'r0.res'), 'utf8'));
        const backups = readdirSync(dirname(etc(h, 'drbd.d/r0.res'))).filter((f) => f.startsWith('r0.res.drbdconf-backup-'));
        expect(backups).toHaveLength(1);
        expect(readFileSync(join(etc(h, 'drbd.d'), backups[0]), 'utf8')).toBe(r0Text(addr, HOSTS));
        // What adjust ran there (besides its reads): exactly what the host previewed, as the real drbdadm says.
        expect(rig.calls(h).filter((c) => !(c[0] === 'drbdsetup' && ['show', 'status'].includes(c[1])))).toEqual(expected[h]);
    }
    expect(vs.outputLog(EXTENSION_ID, 'DRBD')).toMatch(/status \| r0 role:Secondary/);
});
