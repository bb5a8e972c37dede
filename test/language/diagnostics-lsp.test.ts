/**
 * Diagnostics over the real LSP protocol (the built server on stdio): drbdadm's findings at the
 * right ranges, updated on edits, and across the files of a configuration.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { lspSession, positionOf } from './lsp/fixture.js';

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

const R0 = `resource r0 {
    device minor 1;
    disk /dev/sdb1;
    meta-disk internal;
    on hw1 { address 10.0.0.1:7788; }
    on hw2 { address 10.0.0.2:7788; }
}
`;

const R1 = R0.replace('r0', 'r1').replace('minor 1', 'minor 2').replace('sdb1', 'sdc1').replace(/7788/g, '7789');

const MAIN = 'include "drbd.d/*.res";\n';

describe('diagnostics over LSP', () => {
    const session = lspSession({ 'drbd.conf': MAIN, 'drbd.d/r0.res': R0, 'drbd.d/r1.res': R1 });

    it('publishes drbdadm\'s error at the offending token, and clears it after the fix', async () => {
        const uri = session.ws.uri('single.res');
        const text = R0.replace('on hw2 { address 10.0.0.2:7788; }', 'on hw2 { address 10.0.0.2:7788; }\n    on hw3 { address 10.0.0.3:7788; node-id 2; }');
        const diagnostics = await session.openAndCheck(uri, text.replace('net', 'net'));
        // three `on` sections without connections: drbdadm's warning on the resource
        expect(diagnostics.some((d) => d.severity === 2 && messageOf(d).includes("Use explicit 'connection' sections"))).toBe(true);
        await session.client.change(uri, text.replace('meta-disk internal;', 'meta-disk internal;\n    net { protocol D; }'));
        const updated = await session.client.diagnostics(uri, (ds) => ds.some((d) => messageOf(d).includes('protocol')));
        const bad = updated.find((d) => messageOf(d).includes('for protocol'))!;
        expect(bad.severity).toBe(1);
        expect(messageOf(bad)).toContain("Parse error: while parsing value ('D')");
        expect(bad.range.start).toEqual(positionOf(text.replace('meta-disk internal;', 'meta-disk internal;\n    net { protocol D; }'), 'D;'));
        await session.client.change(uri, R0);
        expect(await session.client.diagnostics(uri, (ds) => ds.length === 0)).toEqual([]);
        // each publication names the version it was computed for: the last one is the fixed text's
        expect(session.client.publishedVersions(uri).at(-1)).toBe(3);
    });

    it('reports syntax errors in drbdadm\'s words', async () => {
        const uri = session.ws.uri('syntax.res');
        const diagnostics = await session.openAndCheck(uri, 'resource r0 {\n    net { protocol = C; }\n}\n');
        // drbdadm takes `=` as the value (and rejects it), then wants `;` where `C` is
        const atEquals = diagnostics.find((d) => d.range.start.line === 1 && d.range.start.character === 19);
        expect(atEquals && messageOf(atEquals)).toBe("Parse error: while parsing value ('=')\nfor protocol. Value is not valid.\nAllowed values are: A | B | C");
        expect(diagnostics.some((d) => messageOf(d) === "Parse error: ';' expected,\n\tbut got 'C' (TK 281)")).toBe(true);
    });

    it('gives one typo one diagnostic: what only follows from it in its section is left out, other sections keep theirs', async () => {
        const uri = session.ws.uri('typo.res');
        const text = 'resource resource {\n    on hw1 { address 10.0.0.1:7788; }\n}\nresource r9 {\n    net { protocol D; }\n}\n';
        const diagnostics = await session.openAndCheck(uri, text);
        const inFirst = diagnostics.filter((d) => d.range.start.line < 3);
        expect(inFirst.map(messageOf)).toEqual(["Parse error: 'TK_STRING' expected,\n\tbut got 'resource' (TK 259)"]);
        expect(inFirst[0]!.range.start).toEqual({ line: 0, character: 9 });
        expect(diagnostics.some((d) => d.range.start.line === 4 && messageOf(d).startsWith("Parse error: while parsing value ('D')"))).toBe(true);
    });

    it('re-validates the other files of a configuration when one of them changes', async () => {
        const r0 = session.ws.uri('drbd.d/r0.res');
        const r1 = session.ws.uri('drbd.d/r1.res');
        expect(await session.openAndCheck(r1, R1)).toEqual([]);
        await session.client.open(r0, R0);
        // r0 takes r1's minor: drbdadm's duplicate check spans the files of the configuration
        await session.client.change(r0, R0.replace('minor 1', 'minor 2'));
        const inR1 = await session.client.diagnostics(r1, (ds) => ds.some((d) => messageOf(d).includes('device-minor')));
        expect(inR1.some((d) => messageOf(d).includes("device-minor 'device-minor:hw1:2'"))).toBe(true);
        await session.client.change(r0, R0);
        expect(await session.client.diagnostics(r1, (ds) => ds.length === 0)).toEqual([]);
    });

    it('forgets a closed document\'s unsaved text: its file and the files sharing its configuration are as on disk again', async () => {
        const r0 = session.ws.uri('drbd.d/r0.res');
        const r1 = session.ws.uri('drbd.d/r1.res');
        await session.client.open(r1, R1);
        await session.client.open(r0, R0);
        await session.client.change(r0, R0.replace('minor 1', 'minor 2'));
        await session.client.diagnostics(r1, (ds) => ds.some((d) => messageOf(d).includes('device-minor')));
        await session.client.closeDocument(r0);
        expect(await session.client.diagnostics(r1, (ds) => ds.length === 0)).toEqual([]);
        expect(await session.client.diagnostics(r0, (ds) => ds.length === 0)).toEqual([]);
    });

    it('drops the diagnostics of a closed document that is not on disk', async () => {
        const uri = session.ws.uri('never-saved.res');
        const diagnostics = await session.openAndCheck(uri, 'resource r9 {\n    net { protocol D; }\n}\n');
        expect(diagnostics.length).toBeGreaterThan(0);
        await session.client.closeDocument(uri);
        expect(await session.client.diagnostics(uri, (ds) => ds.length === 0)).toEqual([]);
    });
});
