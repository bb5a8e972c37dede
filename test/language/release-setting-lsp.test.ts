/**
 * The setting `drbd.utilsVersion` over the real LSP protocol (the built server on stdio): the
 * release the server checks as, what it tells the client about it, the documents validated
 * again when it changes, the hover of an option of another release, and the quick fix that
 * checks as the release that has it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { ReleaseNotificationMethod, SetUtilsVersionCommand, type ReleaseParams } from '../../common/src/protocol.js';
import { startServer, type LspClient, type StartOptions } from '../lsp-client.js';
import { otherReleases } from '../oracle.js';
import { positionOf, workspace, type Workspace } from './lsp/fixture.js';

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

const TLS = `resource r0 {
    device minor 1;
    disk /dev/sdb1;
    meta-disk internal;
    net { tls yes; }
    on hw1 { address 10.0.0.1:7788; }
    on hw2 { address 10.0.0.2:7788; }
}
`;
const onTls = (ds: Diagnostic[]) => ds.some((d) => messageOf(d).includes("but got 'tls'"));

/** A server on a workspace with `tls.res` (open) and `closed.res` (never opened), with these settings. */
function session(settings: Record<string, unknown>, options: Omit<StartOptions, 'rootUri' | 'settings'> = {}) {
    const s = {} as { ws: Workspace; client: LspClient };
    beforeAll(async () => {
        s.ws = workspace({ 'tls.res': TLS, 'closed.res': TLS.replace('minor 1', 'minor 2').replace(/r0/, 'r1') });
        s.client = await startServer({ rootUri: s.ws.rootUri, settings, ...options });
    });
    afterAll(async () => {
        await s.client?.close();
        s.ws?.remove();
    });
    return s;
}

const release = (client: LspClient, expected: Partial<ReleaseParams>, after = 0) =>
    client.notification<ReleaseParams>(ReleaseNotificationMethod, (p) => Object.entries(expected).every(([k, v]) => p[k as keyof ReleaseParams] === v), 15_000, after);

describe('drbd.utilsVersion set to a release', () => {
    const s = session({ drbd: { utilsVersion: '9.22.0' } });

    it('checks as that release and says so; a change validates every document again, open or not', async () => {
        const uri = s.ws.uri('tls.res');
        const closed = s.ws.uri('closed.res');
        expect(await release(s.client, { release: '9.22.0' })).toMatchObject({ from: 'setting', host: expect.any(String) });
        // The workspace's files are validated at start, as 9.22.0: `tls` is no option there.
        await s.client.diagnostics(closed, onTls);
        await s.client.open(uri, TLS);
        const before = await s.client.diagnostics(uri, onTls);
        expect(before.find((d) => messageOf(d).includes('tls'))).toMatchObject({ severity: 1, code: 'option/unknown', range: { start: positionOf(TLS, 'tls') } });

        const sent = s.client.notificationCount(ReleaseNotificationMethod);
        await s.client.configure({ drbd: { utilsVersion: '9.28.0' } });
        expect(await release(s.client, {}, sent)).toEqual({ release: '9.28.0', from: 'setting', host: expect.any(String) });
        expect(await s.client.diagnostics(uri, (ds) => !onTls(ds))).toEqual([]);
        expect(await s.client.diagnostics(closed, (ds) => !onTls(ds))).toEqual([]);

        // Back: the error again.
        await s.client.configure({ drbd: { utilsVersion: '9.22.0' } });
        expect(onTls(await s.client.diagnostics(uri, onTls))).toBe(true);
    });

    it('another drbd.* setting changing is no new release: nothing is sent, nothing validated again', async () => {
        const sent = s.client.notificationCount(ReleaseNotificationMethod);
        await s.client.configure({ drbd: { utilsVersion: '9.22.0', hosts: { hw1: 'root@hw1' } } });
        // A request after the notification: the server has handled it when the answer comes.
        await s.client.request('textDocument/hover', { textDocument: { uri: s.ws.uri('tls.res') }, position: positionOf(TLS, 'tls') });
        expect(s.client.notificationCount(ReleaseNotificationMethod)).toBe(sent);
    });

    it('an unknown release is read as the nearest older known one, with the hint', async () => {
        const sent = s.client.notificationCount(ReleaseNotificationMethod);
        await s.client.configure({ drbd: { utilsVersion: '9.35.1' } });
        const p = await release(s.client, {}, sent);
        expect(p).toMatchObject({ release: '9.34.0', from: 'setting', requested: '9.35.1' });
        expect(p.hint).toMatch(/drbd-utils 9\.35\.1 is not one of the releases drbdconf knows .*read as 9\.34\.0, the nearest older one/);
        expect(await s.client.diagnostics(s.ws.uri('tls.res'), (ds) => !onTls(ds))).toEqual([]);
    });

    it('a value that is no release: auto, with a hint that it is ignored', async () => {
        const sent = s.client.notificationCount(ReleaseNotificationMethod);
        await s.client.configure({ drbd: { utilsVersion: 'latest' } });
        const p = await release(s.client, {}, sent);
        expect(p.from).not.toBe('setting');
        expect(p).toMatchObject({ requested: 'latest', hint: expect.stringContaining("drbd.utilsVersion 'latest' is neither 'auto' nor a release X.Y.Z") });
    });
});

describe('drbd.utilsVersion set before the server starts', () => {
    const s = session({ drbd: { utilsVersion: '9.28.0' } });

    it('the first validation at start is already as that release', async () => {
        // The first diagnostics published for a file nobody opened: from the start's build.
        expect(await s.client.diagnostics(s.ws.uri('closed.res'))).toEqual([]);
        expect(await release(s.client, {})).toMatchObject({ release: '9.28.0', from: 'setting' });
        expect(s.client.notificationCount(ReleaseNotificationMethod)).toBe(1);
    });
});

describe('a client that pushes its settings at once (as VS Code does when the server registers for them)', () => {
    const s = {} as { ws: Workspace; client: LspClient };
    beforeAll(async () => {
        s.ws = workspace({ 'closed.res': TLS });
        s.client = await startServer({ rootUri: s.ws.rootUri, settings: { drbd: { utilsVersion: '9.28.0' } } });
        await s.client.configure({ drbd: { utilsVersion: '9.28.0' } });
    });
    afterAll(async () => {
        await s.client?.close();
        s.ws?.remove();
    });

    it('the workspace is validated all the same, once the release is known', async () => {
        expect(await s.client.diagnostics(s.ws.uri('closed.res'))).toEqual([]);
        expect(await release(s.client, {})).toMatchObject({ release: '9.28.0', from: 'setting' });
    });
});

describe('a client that fails to give its settings', () => {
    const s = session({}, { configurationError: 'no settings here' });

    it('the workspace is still validated at start, as auto', async () => {
        await s.client.diagnostics(s.ws.uri('closed.res'));
        expect((await release(s.client, {})).from).not.toBe('setting');
    });
});

describe('the hover and the quick fix of an option of another release', () => {
    const s = session({ drbd: { utilsVersion: '9.22.0' } });

    it('hover on tls under 9.22.0: not in the target release, since 9.26.0', async () => {
        const uri = s.ws.uri('tls.res');
        await s.client.open(uri, TLS);
        await s.client.diagnostics(uri, onTls);
        const hover = await s.client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TLS, 'tls') });
        const text = (hover.contents as MarkupContent).value;
        expect(text).toBe('`tls` is not an option of a `net {}` section in drbd-utils 9.22.0, the release this configuration is checked as.\n\n'
            + '_Since drbd-utils 9.26.0 (drbdconf knows 9.15.0 – 9.34.0)._');
    });

    it('hover on tls under 9.28.0: its documentation, ending with the releases that have it', async () => {
        const uri = s.ws.uri('tls.res');
        await s.client.configure({ drbd: { utilsVersion: '9.28.0' } });
        await s.client.diagnostics(uri, (ds) => !onTls(ds));
        const hover = await s.client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TLS, 'tls') });
        const text = (hover.contents as MarkupContent).value;
        expect(text).toMatch(/^\*\*tls\*\* \(boolean\)/);
        expect(text.endsWith('\n\n_Since drbd-utils 9.26.0 (drbdconf knows 9.15.0 – 9.34.0)._')).toBe(true);
        await s.client.configure({ drbd: { utilsVersion: '9.22.0' } });
        await s.client.diagnostics(uri, onTls);
    });

    it('option/other-release: "Check as drbd-utils 9.26.0" runs the client command that sets the release', async () => {
        const uri = s.ws.uri('tls.res');
        const start = positionOf(TLS, 'tls');
        // The core's info diagnostic, as the editor sends it back with the request.
        const diagnostic: Diagnostic = {
            range: { start, end: { line: start.line, character: start.character + 3 } }, severity: 3, code: 'option/other-release',
            message: '`tls` is a net option since drbd-utils 9.26.0; this configuration is checked as 9.22.0',
            data: { since: '9.26.0', releases: ['9.26.0', '9.34.0'] },
        };
        const actions = await s.client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
        expect(actions).toEqual([{
            title: 'Check as drbd-utils 9.26.0', kind: 'quickfix', diagnostics: [diagnostic],
            command: { title: 'Check as drbd-utils 9.26.0', command: SetUtilsVersionCommand, arguments: ['9.26.0'] },
        }]);
        const fixes = (d: Diagnostic) => s.client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
        // Without a known release in its data: the nearest release the option table has it in.
        const { data: _, ...bare } = diagnostic;
        expect((await fixes(bare)).map((a) => a.command)).toEqual([{ title: 'Check as drbd-utils 9.26.0', command: SetUtilsVersionCommand, arguments: ['9.26.0'] }]);
        expect((await fixes({ ...diagnostic, data: { since: '9.99.0' } })).map((a) => a.title)).toEqual(['Check as drbd-utils 9.26.0']);
        // Nowhere near an option: nothing to offer.
        const elsewhere = positionOf(TLS, 'resource');
        expect(await fixes({ ...bare, range: { start: elsewhere, end: elsewhere } })).toEqual([]);
    });
});

const { releases, missing } = otherReleases();
const other = releases.find((r) => r.release === '9.28.0');

describe.skipIf(!other)(`drbd.utilsVersion auto: the release of the drbdadm where the server runs${other ? '' : ` (skipped: ${missing ?? 'no 9.28.0 release'})`}`, () => {
    const s = session({ drbd: { utilsVersion: 'auto' } }, { env: { ...process.env, PATH: other?.env.PATH } });

    it('drbdadm 9.28.0 first on PATH: checked as 9.28.0, from drbdadm', async () => {
        expect(await release(s.client, {})).toEqual({ release: '9.28.0', from: 'drbdadm', host: expect.any(String) });
        expect(await s.client.diagnostics(s.ws.uri('closed.res'))).toEqual([]);
    });
});
