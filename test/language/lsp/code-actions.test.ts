import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { DIAGNOSTIC_CODES } from '../../../server/src/drbd/diagnostic-codes.js';
import { drbdadm, dumpedNodeIds } from '../../drbd/post-parse/oracle.js';
import { configText } from '../../drbd/post-parse/gen-config.js';
import { applyEdits, lspSession } from './fixture.js';

const head = 'resource r0 {\n    device minor 1;\n    disk /dev/sdb1;\n    meta-disk internal;\n';
const host = (name: string, ip: string, extra = '') => `    on ${name} {\n${extra}        address ${ip}:7788;\n    }\n`;

/** One config per quick fix, with the diagnostic code it fixes and the action title. */
const CASES: { name: string; text: string; code: string; title: RegExp }[] = [
    {
        name: 'node-ids for a three-host mesh',
        text: `${head}${host('alpha', '10.11.56.3')}${host('bravo', '10.11.56.2')}${host('charlie', '10.11.56.4')}    connection-mesh {\n        hosts alpha bravo charlie;\n    }\n}\n`,
        code: 'node-id/missing', title: /Add node-ids/,
    },
    {
        name: 'three on sections become a mesh',
        text: `${head}${host('alpha', '10.0.0.1', '        node-id 0;\n')}${host('bravo', '10.0.0.2', '        node-id 1;\n')}${host('charlie', '10.0.0.3', '        node-id 2;\n')}}\n`,
        code: 'connection/implicit-more-than-two-hosts', title: /connection-mesh/,
    },
    {
        name: 'three on sections without node-ids become a mesh with node-ids',
        text: `resource r0 { device minor 1; disk /dev/sdb1; meta-disk internal; on alpha { address 10.0.0.1:7788; } on bravo { address 10.0.0.2:7788; } on charlie { address 10.0.0.3:7788; } }\n`,
        code: 'connection/implicit-more-than-two-hosts', title: /connection-mesh/,
    },
    {
        name: 'missing semicolon before the next option',
        text: `${head}    net {\n        protocol C\n        timeout 60;\n    }\n${host('alpha', '10.0.0.1')}${host('bravo', '10.0.0.2')}}\n`,
        code: 'syntax/expected-semicolon', title: /Add the missing ';'/,
    },
    {
        name: 'missing semicolon before the closing brace',
        text: `${head}    net { protocol C # comment\n    }\n${host('alpha', '10.0.0.1')}${host('bravo', '10.0.0.2')}}\n`,
        code: 'syntax/expected-semicolon', title: /Add the missing ';'/,
    },
    {
        name: 'misspelt option',
        text: `${head}    net { protocoll C; }\n${host('alpha', '10.0.0.1')}${host('bravo', '10.0.0.2')}}\n`,
        code: 'option/unknown', title: /Replace with 'protocol'/,
    },
    {
        name: 'value too big',
        text: `${head}    net { timeout 1000000; }\n${host('alpha', '10.0.0.1')}${host('bravo', '10.0.0.2')}}\n`,
        code: 'option/value', title: /Clamp to 600/,
    },
    {
        name: 'value too small',
        text: `${head}    net { max-buffers 1; }\n${host('alpha', '10.0.0.1')}${host('bravo', '10.0.0.2')}}\n`,
        code: 'option/value', title: /Clamp to 32/,
    },
    {
        name: 'value too big, in the unit written',
        text: `${head}    disk { resync-rate 9G; }\n${host('alpha', '10.0.0.1')}${host('bravo', '10.0.0.2')}}\n`,
        code: 'option/value', title: /^Clamp to 8G$/,
    },
    {
        name: 'value too big, in a unit that does not divide the bound',
        text: `${head}    net { max-epoch-size 100k; }\n${host('alpha', '10.0.0.1')}${host('bravo', '10.0.0.2')}}\n`,
        code: 'option/value', title: /^Clamp to \d+k$/,
    },
    {
        name: 'misspelt enum value',
        text: `${head}    disk { on-io-error detatch; }\n${host('alpha', '10.0.0.1')}${host('bravo', '10.0.0.2')}}\n`,
        code: 'option/value', title: /Replace with 'detach'/,
    },
    {
        name: 'duplicate address statement',
        text: `${head}${host('alpha', '10.0.0.1', '        address 10.0.0.1:7788;\n')}${host('bravo', '10.0.0.2')}}\n`,
        code: 'address-statement/duplicate', title: /Remove the duplicate 'address'/,
    },
];

describe('quick fixes', () => {
    const s = lspSession();
    let opened = 0;

    /** Opens the text as a new file and returns its diagnostics once the DRBD checks ran. */
    const diagnose = async (text: string) => {
        const name = `case${opened++}.res`;
        writeFileSync(s.ws.path(name), text);
        const uri = s.ws.uri(name);
        return { uri, path: s.ws.path(name), diagnostics: await s.openAndCheck(uri, text) };
    };
    const actionsFor = (uri: string, diagnostics: Diagnostic[]) =>
        s.client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics },
        });
    const fixed = async (path: string, text: string) => {
        writeFileSync(path, text);
        return drbdadm(path);
    };

    it.each(CASES)('$name: the fix makes drbdadm accept the config', async ({ text, code, title }) => {
        const { uri, path, diagnostics } = await diagnose(text);
        const target = diagnostics.filter((d) => d.code === code);
        expect(target.length, JSON.stringify(diagnostics)).toBeGreaterThan(0);
        const actions = await actionsFor(uri, target.slice(0, 1));
        const chosen = actions.find((a) => title.test(a.title));
        expect(chosen, actions.map((a) => a.title).join(', ')).toBeDefined();
        const after = applyEdits(text, chosen!.edit!.changes![uri]!);
        const oracle = await fixed(path, after);
        expect(oracle.rc, `${after}\n${oracle.err}`).toBe(0);
        expect(oracle.err).not.toMatch(/Use explicit 'connection'/);
    });

    it('gives every diagnostic a code of the table, offers each fix once, found by code and data alone: the same fixes with every message replaced', async () => {
        const everything = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
        const ask = (uri: string, diagnostics: Diagnostic[]) => s.client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri }, range: everything, context: { diagnostics },
        });
        const fixes = (actions: CodeAction[]) => actions.map(({ title, edit, command }) => ({ title, edit, command }));
        for (const { name, text } of CASES) {
            const { uri, diagnostics } = await diagnose(text);
            for (const d of diagnostics) expect(Object.hasOwn(DIAGNOSTIC_CODES, String(d.code)), `${name}: ${d.code}`).toBe(true);
            const actions = await ask(uri, diagnostics);
            const titles = actions.map((a) => a.title);
            expect(titles.length, name).toBeGreaterThan(0);
            expect(new Set(titles).size, `${name}: ${titles.join(', ')}`).toBe(titles.length);
            const blind = await ask(uri, diagnostics.map((d) => ({ ...d, message: 'x' })));
            expect(fixes(blind), name).toEqual(fixes(actions));
        }
    });

    it('answers a diagnostic with a code of no fix (or no code) with no fix', async () => {
        const { uri, diagnostics } = await diagnose(CASES[0]!.text);
        const odd = ['constructor', '__proto__', 'toString', 42, undefined].map((code) => ({ ...diagnostics[0]!, code }));
        expect(await actionsFor(uri, odd)).toEqual([]);
    });

    it("keeps drbdadm's implicit node-ids for the first pair of a mesh", async () => {
        const pair = await fixed(s.ws.path('pair.res'), `${head}${host('alpha', '10.11.56.3')}${host('bravo', '10.11.56.2')}}\n`);
        const implicit = dumpedNodeIds(pair.out)['r0']!;
        const { uri, path, diagnostics } = await diagnose(CASES[0]!.text);
        const actions = await actionsFor(uri, diagnostics.filter((d) => d.code === 'node-id/missing'));
        const after = applyEdits(CASES[0]!.text, actions[0]!.edit!.changes![uri]!);
        const ids = dumpedNodeIds((await fixed(path, after)).out)['r0']!;
        expect(ids).toEqual({ ...implicit, charlie: 2 });
    });

    it('on generated configs, every quick fix adds no drbdadm error', async () => {
        const texts = fc.sample(configText, { numRuns: 24, seed: 7 });
        let applied = 0;
        const errors = (err: string) => err.split('\n').filter((l) => /error|missing|expected/i.test(l)).map((l) => l.replace(/^[^:]*:\d+: /, '')).sort();
        for (const text of texts) {
            const { uri, path, diagnostics } = await diagnose(text);
            // drbdadm stops at the first resource that fails; our diagnostics list the later ones too.
            const before = [...errors((await drbdadm(path)).err), ...diagnostics.map((d) => String(d.message).split('\n')[0]!)];
            for (const d of diagnostics) {
                const actions = await actionsFor(uri, [d]);
                const action = actions.find((a) => a.isPreferred);
                if (!action) continue;
                applied++;
                const after = await fixed(path, applyEdits(text, action.edit!.changes![uri]!));
                const introduced = errors(after.err).filter((e) => !before.includes(e));
                expect(introduced, `${d.code} on\n${text}`).toEqual([]);
                writeFileSync(path, text);
            }
        }
        expect(applied).toBeGreaterThan(5);
    });
});
