/**
 * The `drbd/upPlan` request and the "Up plan" CodeLens over the real LSP protocol: per host,
 * the commands drbdadm would run (compared with drbdadm -d up itself), with source locations.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UpPlanRequestMethod, type UpPlanResult } from '../../common/src/protocol.js';
import { DEFAULT_RELEASE, resolveRelease } from '../../server/src/drbd/release.js';
import { hostRelease } from '../harness/releases.js';
import { drbdadmAsSync } from '../oracle.js';
import { lspSession, textAt } from './lsp/fixture.js';

const R0 = `resource r0 {
    device minor 1;
    disk /dev/sdb1;
    meta-disk internal;
    net { shared-secret "a b"; }
    on hw1 { address 10.0.0.1:7788; }
    on hw2 { address ipv6 [fd00::2]:7788; }
}
`;

/** What the real drbdadm prints for `-d up r0` on a host of that name. */
function drbdadmDryRun(file: string, host: string): string {
    return drbdadmAsSync(host, ['-c', file, '-d', 'up', 'r0']).out;
}

describe('up plan over LSP', () => {
    const session = lspSession({ 'r0.res': R0 });

    it('answers drbd/upPlan with every host\'s drbdadm sequence, each step linked to its line', async () => {
        const uri = session.ws.uri('r0.res');
        await session.openAndCheck(uri, R0);
        const plan = await session.client.request<UpPlanResult>(UpPlanRequestMethod, { uri, resource: 'r0' });
        expect(plan.configErrors).toEqual([]);
        expect(plan.hosts.map((h) => h.host)).toEqual(['hw1', 'hw2']);
        for (const host of plan.hosts) {
            expect(host.exitCode).toBe(0);
            expect(host.steps.map((s) => `${s.command}\n`).join('')).toBe(drbdadmDryRun(session.ws.path('r0.res'), host.host));
        }
        const newPeer = plan.hosts[0]!.steps.find((s) => s.argv[1] === 'new-peer')!;
        expect(newPeer.kernel?.request).toBe('DRBD_ADM_NEW_PEER');
        expect(newPeer.location?.uri).toBe(uri);
        const attach = plan.hosts[0]!.steps.find((s) => s.argv[1] === 'attach')!;
        expect(textAt(R0, attach.location!.range)).toMatch(/disk|device|meta-disk|resource/);
    });

    it('offers "Up plan", "Up" and "Apply" lenses on each resource', async () => {
        const uri = session.ws.uri('r0.res');
        const lenses = await session.client.request<{ range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri } });
        expect(lenses.map((l) => [l.range.start.line, l.command.title, l.command.command])).toEqual([[0, 'Up plan', 'drbd.showPlan'], [0, 'Up', 'drbd.up'], [0, 'Apply', 'drbd.apply']]);
        expect(lenses[0]!.command.arguments).toEqual([{ uri, resource: 'r0' }]);
    });

    it('plans a host as the release asked for (its own drbdadm\'s), the configuration still checked as the target', async () => {
        const uri = session.ws.uri('r0.res');
        const ask = (hostRelease: string) => session.client.request<UpPlanResult>(UpPlanRequestMethod, { uri, resource: 'r0', host: 'hw1', hostRelease });
        const unknown = await ask('9.99.0');
        expect(unknown.release).toBe(DEFAULT_RELEASE);
        expect(unknown.hosts.map((h) => [h.host, h.release, h.releaseHint])).toEqual([['hw1', resolveRelease('9.99.0')!.release, resolveRelease('9.99.0')!.hint]]);
        expect((await ask('nine')).configErrors).toEqual(["'nine' is no drbd-utils release (X.Y.Z)"]);
        const other = hostRelease('9.15.0', 'drbd/upPlan as drbd-utils 9.15.0 against its drbdadm');
        if (!other) return;
        const old = await ask('9.15.0');
        expect(old.hosts[0]!.steps.map((s) => `${s.command}\n`).join('')).toBe(drbdadmAsSync('hw1', ['-c', session.ws.path('r0.res'), '-d', 'up', 'r0'], 10_000, other.oracle).out);
    });

    it('refuses to plan an invalid configuration, with drbdadm\'s reason', async () => {
        const uri = session.ws.uri('r0.res');
        await session.client.change(uri, R0.replace('on hw2 { address ipv6 [fd00::2]:7788; }', 'on hw2 { address 10.0.0.1:7789; }'));
        await session.client.diagnostics(uri, (ds) => ds.length > 0);
        const plan = await session.client.request<UpPlanResult>(UpPlanRequestMethod, { uri, resource: 'r0' });
        expect(plan.hosts).toEqual([]);
        expect(plan.configErrors.join('\n')).toMatch(/BAD LUCK|equal hashes/);
    });
});

type Lens = { range: { start: { line: number } }; command: { title: string; command: string } };

/** The repository's examples/ folder, file by file. */
function examples(): Record<string, string> {
    const dir = fileURLToPath(new URL('../../examples', import.meta.url));
    const names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dir, name)).isFile());
    return Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('Up lenses only where a configuration covers the file (examples/)', () => {
    const files = examples();
    const session = lspSession(files);
    const lenses = async (name: string) => {
        const uri = session.ws.uri(name);
        await session.openAndCheck(uri, files[name]!);
        return session.client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
    };

    it('drbd.conf includes drbd.d/*.res: their resources have Up plan, Up and Apply', async () => {
        expect(files['drbd.conf']).toContain('include "drbd.d/*.res";');
        for (const name of ['drbd.d/r0.res', 'drbd.d/r1.res']) {
            const titles = (await lenses(name)).map((l) => l.command.title);
            expect(titles.length).toBeGreaterThan(0);
            expect(new Set(titles)).toEqual(new Set(['Up plan', 'Up', 'Apply']));
        }
    });

    it('mistakes.res, which nothing includes: a note without a command on each resource, no Up', async () => {
        expect(Object.values(files).some((text) => /include\s+"[^"]*mistakes/.test(text))).toBe(false);
        const found = await lenses('mistakes.res');
        expect(found.map((l) => [l.range.start.line, l.command.title, l.command.command])).toEqual([
            [files['mistakes.res']!.split('\n').findIndex((l) => l.startsWith('resource web')), 'No Up here: no configuration of this workspace includes this file', ''],
        ]);
    });
});
