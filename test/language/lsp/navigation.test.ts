import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol, Location, LocationLink, Range, WorkspaceEdit, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { lspSession, positionOf, textAt } from './fixture.js';

const MAIN = 'global { usage-count no; }\ninclude "drbd.d/*.res";\n';
const R0 = `resource r0 {
    device minor 1;
    disk /dev/sdb1;
    meta-disk internal;
    on alpha {
        node-id 0;
        address 10.0.0.1:7788;
    }
    on bravo {
        node-id 1;
        address 10.0.0.2:7788;
        volume 1 { device minor 5; }
    }
    connection {
        host alpha;
        host bravo port 7799;
    }
}
`;
const R1 = `resource r1 {
    template-file "../templates/t.conf";
    disk { resync-after r0; }
    device minor 2;
    on alpha {
        node-id 0;
        address 10.0.0.1:7789;
    }
    on bravo {
        node-id 1;
        address 10.0.0.2:7789;
    }
}
`;
const TEMPLATE = 'common { net { protocol C; } }\n';

describe('symbols and navigation across included files', () => {
    const s = lspSession({ 'drbd.conf': MAIN, 'drbd.d/r0.res': R0, 'drbd.d/r1.res': R1, 'templates/t.conf': TEMPLATE });
    beforeAll(async () => {
        await s.openAndCheck(s.ws.uri('drbd.d/r0.res'), R0);
        await s.openAndCheck(s.ws.uri('drbd.d/r1.res'), R1);
    });

    const at = (file: string, text: string, needle: string, shift = 0, occurrence = 0) =>
        ({ textDocument: { uri: s.ws.uri(file) }, position: positionOf(text, needle, shift, occurrence) });
    const rangeText = (file: string, range: Range) => textAt({ 'drbd.d/r0.res': R0, 'drbd.d/r1.res': R1 }[file]!, range);

    it('outlines resources with hosts, volumes and connections', async () => {
        const symbols = await s.client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: s.ws.uri('drbd.d/r0.res') } });
        const outline = (s: DocumentSymbol): unknown => (s.children ? { [s.name]: s.children.map(outline) } : s.name);
        expect(symbols.map(outline)).toEqual([{ r0: ['on alpha', { 'on bravo': ['volume 1'] }, 'connection alpha - bravo'] }]);
    });

    it('lists resources and hosts of every file as workspace symbols', async () => {
        const symbols = await s.client.request<WorkspaceSymbol[]>('workspace/symbol', { query: '' });
        const names = symbols.map((s) => `${s.containerName ?? ''}/${s.name}`).sort();
        expect(names).toEqual(['/r0', '/r1', 'r0/on alpha', 'r0/on bravo', 'r1/on alpha', 'r1/on bravo']);
    });

    it('jumps from a connection host to its on section', async () => {
        const links = await s.client.request<LocationLink[]>('textDocument/definition', at('drbd.d/r0.res', R0, 'host alpha', 6));
        expect(links).toHaveLength(1);
        expect(links[0]!.targetUri).toBe(s.ws.uri('drbd.d/r0.res'));
        expect(links[0]!.targetSelectionRange.start).toEqual(positionOf(R0, 'on alpha', 3));
    });

    it('jumps from resync-after to the resource in another file', async () => {
        const links = await s.client.request<LocationLink[]>('textDocument/definition', at('drbd.d/r1.res', R1, 'after r0', 7));
        expect(links.map((l) => [l.targetUri, l.targetSelectionRange.start])).toEqual([[s.ws.uri('drbd.d/r0.res'), positionOf(R0, 'r0')]]);
    });

    it('opens the files of include patterns and template-file', async () => {
        const main = s.ws.uri('drbd.conf');
        await s.client.open(main, MAIN);
        const include = await s.client.request<LocationLink[]>('textDocument/definition', at('drbd.conf', MAIN, 'drbd.d/'));
        expect(include.map((l) => l.targetUri).sort()).toEqual([s.ws.uri('drbd.d/r0.res'), s.ws.uri('drbd.d/r1.res')]);
        const template = await s.client.request<LocationLink[]>('textDocument/definition', at('drbd.d/r1.res', R1, 't.conf'));
        expect(template.map((l) => l.targetUri)).toEqual([s.ws.uri('templates/t.conf')]);
    });

    it('finds the references of a resource across files and of a host within its resource', async () => {
        const refs = await s.client.request<Location[]>('textDocument/references', { ...at('drbd.d/r0.res', R0, 'r0'), context: { includeDeclaration: true } });
        expect(refs.map((r) => [r.uri.replace(s.ws.rootUri, ''), rangeText(r.uri.replace(`${s.ws.rootUri}/`, ''), r.range)])).toEqual([
            ['/drbd.d/r0.res', 'r0'], ['/drbd.d/r1.res', 'r0'],
        ]);
        const hosts = await s.client.request<Location[]>('textDocument/references', { ...at('drbd.d/r0.res', R0, 'on bravo', 3), context: { includeDeclaration: false } });
        expect(hosts).toEqual([{ uri: s.ws.uri('drbd.d/r0.res'), range: { start: positionOf(R0, 'host bravo', 5), end: positionOf(R0, 'host bravo', 10) } }]);
    });

    it('renames a resource in every file of the configuration and a host in its resource only', async () => {
        const prepared = await s.client.request<Range>('textDocument/prepareRename', at('drbd.d/r0.res', R0, 'on alpha', 4));
        expect(rangeText('drbd.d/r0.res', prepared)).toBe('alpha');
        const host = await s.client.request<WorkspaceEdit>('textDocument/rename', { ...at('drbd.d/r0.res', R0, 'on alpha', 4), newName: 'able' });
        expect(Object.keys(host.changes!)).toEqual([s.ws.uri('drbd.d/r0.res')]);
        expect(host.changes![s.ws.uri('drbd.d/r0.res')]!.map((e) => rangeText('drbd.d/r0.res', e.range))).toEqual(['alpha', 'alpha']);
        const res = await s.client.request<WorkspaceEdit>('textDocument/rename', { ...at('drbd.d/r0.res', R0, 'r0'), newName: 'data' });
        expect(Object.keys(res.changes!).sort()).toEqual([s.ws.uri('drbd.d/r0.res'), s.ws.uri('drbd.d/r1.res')]);
        await expect(s.client.request('textDocument/rename', { ...at('drbd.d/r0.res', R0, 'r0'), newName: 'on' })).rejects.toThrow(/not a name/);
    });
});
