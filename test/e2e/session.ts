/** A code-server on a folder with a workbench page on it, for one describe block or file, and a bounded poll. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { startRig, type Rig } from '../harness/rig.js';
import { startCodeServer, type CodeServer } from './code-server.js';
import { ensureTools, packageVsix } from './tools.js';
import { launchBrowser, SHOTS, Workbench } from './workbench.js';

/** What an e2e file needs before its sessions: the tools, the packaged extension, a browser, simulated hosts. */
export async function startE2eWorld(buildDir: string, hosts: string[]) {
    const tools = await ensureTools();
    const vsix = await packageVsix(join(SHOTS, buildDir));
    const browser = await launchBrowser(tools.chromium);
    const rig = await startRig(hosts);
    return { tools, vsix, browser, rig };
}

/** Undoes startE2eWorld (whatever of it started) and removes the file's folder. */
export async function stopE2eWorld(browser: Browser | undefined, rig: Rig | undefined, folder: string | undefined): Promise<void> {
    await browser?.close();
    await rig?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
}

/** Started before the block's tests (once `get()` gives what it needs), stopped after them. */
export function codeServerSession(get: () => { codeServer: string; vsix: string; browser: Browser; folder: string; settings: Record<string, unknown>; trusted: boolean; knownFile: string }) {
    const s = {} as { vs: CodeServer; wb: Workbench };
    beforeAll(async () => {
        const o = get();
        s.vs = await startCodeServer({ codeServer: o.codeServer, vsix: o.vsix, folder: o.folder, trusted: o.trusted, settings: o.settings, keep: Boolean(process.env.DRBD_E2E_KEEP) });
        s.wb = await Workbench.open(o.browser, s.vs.folderUrl, o.knownFile);
    }, 120_000);
    afterAll(async () => {
        await s.wb?.page.close();
        await s.vs?.stop();
    }, 30_000);
    return s;
}

/** Polls `probe` (every 200 ms) until it returns a value; fails after `timeout` ms. */
export function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeout: number): Promise<T> {
    return vi.waitFor(() => {
        const value = probe();
        if (!value) throw new Error(`no ${what} after ${timeout} ms`);
        return value;
    }, { timeout, interval: 200 });
}
