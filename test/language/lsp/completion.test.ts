import { describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { lspSession } from './fixture.js';

/** `|` marks the cursor. */
const CASES = {
    top: '|',
    common: 'common {\n    |\n}\n',
    resource: 'resource r0 {\n    |\n}\n',
    onHost: 'resource r0 {\n    on alpha {\n        |\n    }\n}\n',
    net: 'resource r0 {\n    net {\n        al|\n    }\n}\n',
    netEmpty: 'resource r0 {\n    net {\n        |\n    }\n}\n',
    protocolStatement: 'resource r0 {\n    protocol |\n}\n',
    connectionDisk: 'resource r0 {\n    connection {\n        disk {\n            |\n        }\n    }\n}\n',
    protocol: 'resource r0 {\n    net {\n        protocol |\n    }\n}\n',
    onIoError: 'resource r0 {\n    disk {\n        on-io-error |\n    }\n}\n',
    boolean: 'resource r0 {\n    net {\n        allow-two-primaries |\n    }\n}\n',
    quorum: 'resource r0 {\n    options {\n        quorum |\n    }\n}\n',
    connectionHost: 'resource r0 {\n    on alpha { }\n    on bravo { }\n    connection {\n        host |\n    }\n}\nresource r1 { on zulu { } }\n',
    meshHosts: 'resource r0 {\n    on alpha { }\n    on bravo { }\n    on charlie { }\n    connection-mesh {\n        hosts alpha |\n    }\n}\n',
    comment: 'resource r0 {\n    # net |\n}\n',
};

describe('completion', () => {
    const s = lspSession();

    const complete = async (name: keyof typeof CASES, trigger?: string): Promise<CompletionItem[]> => {
        const marked = CASES[name];
        const offset = marked.indexOf('|');
        const text = marked.replace('|', '');
        const uri = s.ws.uri(`${name}.res`);
        await s.openAndCheck(uri, text);
        const before = text.slice(0, offset);
        const position = { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
        const context = trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 };
        const list = await s.client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position, context });
        return list?.items ?? [];
    };
    const labels = async (name: keyof typeof CASES, trigger?: string) => (await complete(name, trigger)).map((i) => i.label);

    it('offers top-level sections and the resource snippets at the top', async () => {
        const items = await complete('top');
        const l = items.map((i) => i.label);
        expect(l).toEqual(expect.arrayContaining(['global', 'common', 'resource', 'include', 'resource (two hosts)', 'resource (three-host mesh)']));
        expect(l).not.toContain('on');
        const mesh = items.find((i) => i.label === 'resource (three-host mesh)')!;
        expect(mesh.textEdit?.newText).toContain('connection-mesh');
        expect(mesh.textEdit?.newText).toContain('node-id 2;');
    });

    it('follows drbdadm containment: no host sections in common, no include below the top', async () => {
        const common = await labels('common');
        expect(common).toEqual(expect.arrayContaining(['net', 'disk', 'options', 'startup', 'handlers']));
        for (const no of ['on', 'include', 'connection', 'resource']) expect(common).not.toContain(no);
        const resource = await labels('resource');
        expect(resource).toEqual(expect.arrayContaining(['on', 'floating', 'connection', 'connection-mesh', 'volume', 'template-file', 'net']));
        expect(resource).not.toContain('include');
        const host = await labels('onHost');
        expect(host).toEqual(expect.arrayContaining(['address', 'node-id', 'volume', 'device']));
        expect(host).not.toContain('on');
    });

    it('offers the option names of the enclosing section, replacing the word typed', async () => {
        const items = await complete('net');
        const l = items.map((i) => i.label);
        expect(l).toEqual(expect.arrayContaining(['allow-two-primaries', 'after-sb-0pri', 'protocol', 'shared-secret']));
        expect(l).not.toContain('resync-rate');
        expect(items[0]!.textEdit).toMatchObject({ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 10 } } });
        const peerDisk = await labels('connectionDisk');
        expect(peerDisk).toContain('resync-rate');
        expect(peerDisk).not.toContain('on-io-error');
    });

    it('offers enum values, booleans and symbols after an option name', async () => {
        expect(await labels('protocol', ' ')).toEqual(['A', 'B', 'C']);
        expect(await labels('onIoError')).toEqual(expect.arrayContaining(['pass_on', 'call-local-io-error', 'detach']));
        expect(await labels('boolean')).toEqual(['yes', 'no']);
        expect(await labels('quorum')).toEqual(expect.arrayContaining(['off', 'majority', 'all']));
    });

    it("never offers drbdadm's internal options (`_name`)", async () => {
        const names = await labels('netEmpty');
        expect(names).toContain('protocol');
        expect(names.filter((n) => n.startsWith('_'))).toEqual([]);
    });

    it('says what each enum value means (protocol A, B, C; split-brain policies)', async () => {
        for (const name of ['protocol', 'protocolStatement'] as const) {
            const items = await complete(name, ' ');
            const docs = Object.fromEntries(items.map((i) => [i.label, (i.documentation as { value: string } | undefined)?.value ?? '']));
            expect(Object.keys(docs)).toEqual(['A', 'B', 'C']);
            expect(docs['A']).toMatch(/^Asynchronous/);
            expect(docs['B']).toMatch(/^Memory-synchronous/);
            expect(docs['C']).toMatch(/^Synchronous/);
        }
        for (const item of await complete('onIoError')) expect(item.documentation, item.label).toBeDefined();
    });

    it('offers the host names of the resource in connection and connection-mesh', async () => {
        expect(await labels('connectionHost')).toEqual(['alpha', 'bravo']);
        expect(await labels('meshHosts')).toEqual(['bravo', 'charlie']);
    });

    it('offers nothing inside comments, and no keywords when triggered by a space', async () => {
        expect(await labels('comment')).toEqual([]);
        expect(await labels('resource', ' ')).toEqual([]);
    });
});
