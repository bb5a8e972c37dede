// Language-server figures over the real protocol: start → all diagnostics, edit → diagnostics,
// hover and completion latency, peak RSS.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { heapProbe } from '../harness/live-heap.mjs';
import { LspClient } from './lsp-client.mjs';

export const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

/** Every DRBD file of a generated tree (drbd.conf, drbd.d/*), as file URIs. */
function filesOf(root) {
    const uris = [pathToFileURL(join(root, 'drbd.conf')).href];
    try {
        for (const f of readdirSync(join(root, 'drbd.d'))) uris.push(pathToFileURL(join(root, 'drbd.d', f)).href);
    } catch {
        uris.push(pathToFileURL(join(root, 'global_common.conf')).href);
    }
    return uris;
}

/**
 * Server start (spawn) → diagnostics published for every file of the workspace. With `liveHeap`,
 * the server also tells its live heap after a full collection (test/harness/heap-probe.cjs).
 */
export async function startToAllDiagnostics(server, root, { liveHeap = false } = {}) {
    const probe = liveHeap ? heapProbe() : undefined;
    const t0 = performance.now();
    const client = await LspClient.start(server, root, { timeoutMs: 120_000, nodeArgs: probe?.nodeArgs, env: probe?.env });
    try {
        const uris = filesOf(root);
        await client.until(() => uris.every((u) => client.diagnostics.has(u)), `diagnostics of all ${uris.length} files`);
        const ms = performance.now() - t0;
        const errors = uris.reduce((n, u) => n + client.diagnostics.get(u).diagnostics.filter((d) => d.severity === 1).length, 0);
        const heapMb = probe ? (await probe.liveHeap(client.pid)) / 2 ** 20 : undefined;
        return { ms, files: uris.length, errors, rssMb: client.peakRssMb(), heapMb };
    } finally {
        await client.stop();
        probe?.dispose();
    }
}

/** Line/character of the first occurrence of `needle` in `text`. */
function positionOf(text, needle) {
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`'${needle}' not in the document`);
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Opens `file` in the workspace `root` and times 50 edits until publishDiagnostics reflects each:
 * the edits alternately give `device minor M` the minor of another resource on the same host (an
 * error drbdadm finds across the configuration, reported in the other resource's file) and take
 * it back, starting once every file of the workspace has its first diagnostics and
 * WARM_UP_EDITS edits later. Then hover and completion, 50 each.
 */
const WARM_UP_EDITS = 4;

export async function editLatency(server, root, file, minor, otherMinor, nodeArgs = []) {
    const client = await LspClient.start(server, root, { timeoutMs: 60_000, nodeArgs });
    try {
        const uri = client.open(file);
        const text = readFileSync(file, 'utf8');
        const errors = () => [...client.diagnostics.values()].reduce((n, p) => n + p.diagnostics.filter((d) => d.severity === 1).length, 0);
        // Edits are timed once the workspace's first build is over (start → all diagnostics is its
        // own figure): an edit during that build waits for the part of it under way.
        const uris = filesOf(root);
        await client.until(() => uris.every((u) => client.diagnostics.has(u)) && errors() === 0, 'the first clean diagnostics of every file');
        const at = positionOf(text, `device minor ${minor};`);
        const range = (len) => ({ start: { line: at.line, character: at.character + 13 }, end: { line: at.line, character: at.character + 13 + len } });
        let current = String(minor);
        const edit = async (i) => {
            const next = i % 2 === 0 ? String(otherMinor) : String(minor);
            const t0 = performance.now();
            client.edit(uri, range(current.length), next);
            current = next;
            const wantErrors = i % 2 === 0;
            await client.until(() => (errors() > 0) === wantErrors && [...client.diagnostics.values()].some((p) => p.at > t0), `diagnostics after edit ${i}`);
            return performance.now() - t0;
        };
        // Untimed warm-up, as for Up: the first edits after start run the edit path before V8 has
        // compiled it (about three times as long).
        for (let i = 0; i < WARM_UP_EDITS; i++) await edit(i);
        const edits = [];
        for (let i = 0; i < 50; i++) edits.push(await edit(i));
        const hoverAt = positionOf(text, 'meta-disk');
        const completeAt = positionOf(text, 'device minor');
        const hovers = [];
        const completions = [];
        for (let i = 0; i < 50; i++) {
            let t0 = performance.now();
            await client.request('textDocument/hover', { textDocument: { uri }, position: { line: hoverAt.line, character: hoverAt.character + 2 } });
            hovers.push(performance.now() - t0);
            t0 = performance.now();
            await client.request('textDocument/completion', { textDocument: { uri }, position: completeAt });
            completions.push(performance.now() - t0);
        }
        return { editP95: p95(edits), editMedian: [...edits].sort((a, b) => a - b)[edits.length >> 1], hoverP95: p95(hovers), completionP95: p95(completions), rssMb: client.peakRssMb() };
    } finally {
        await client.stop();
    }
}
