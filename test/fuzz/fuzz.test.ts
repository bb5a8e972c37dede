/**
 * Grammar-aware fuzzing: mutated valid configs, pathological shapes and random bytes.
 * For every input the analysis ends within 1 s of CPU with diagnostics at real places; on samples,
 * the real CLI exits 0/1 without a stack trace, the language server answers hover and completion,
 * and whatever drbdadm accepts we accept too. Fixed seed, bounded counts; `npm run fuzz` runs
 * DRBD_FUZZ_SCALE times as many.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { drbdadm } from '../drbd/post-parse/oracle.js';
import { startServer } from '../lsp-client.js';
import { analyzeText, diagnosticProblems, fuzzDirectory } from './invariants.js';
import { fuzzInput, PATHOLOGICAL, pathologicalInput, type FuzzInput } from './mutations.js';
import { looksLikeStackTrace, runCli } from './run-cli.js';
import { SEEDS } from './seeds.js';
import type { Diagnostic } from '../../server/src/drbd/model.js';

const SCALE = Number(process.env.DRBD_FUZZ_SCALE ?? 1);
const SEED = Number(process.env.DRBD_FUZZ_SEED ?? 20261125);
const IN_PROCESS = 1500 * SCALE;
const CLI = 24 * SCALE;
const LSP = 60 * SCALE;
const DIFFERENTIAL = 150 * SCALE;

const dir = fuzzDirectory(mkdtempSync(join(tmpdir(), 'drbd-fuzz-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = (n: number, offset: number) => fc.sample(fuzzInput, { seed: SEED + offset, numRuns: n });
const show = (input: FuzzInput) => `${input.how}: ${JSON.stringify(input.text.length > 300 ? `${input.text.slice(0, 300)}…` : input.text)}`;
const counts: Record<string, number> = {};
afterAll(() => console.log(`fuzz (scale ${SCALE}): ${JSON.stringify(counts)}`));

/** CPU time of a synchronous call (the machine's load does not count). */
function cpuMs<T>(f: () => T): [T, number] {
    const before = process.cpuUsage();
    const result = f();
    const used = process.cpuUsage(before);
    return [result, (used.user + used.system) / 1000];
}

describe('fuzzing', () => {
    it('starts from configs drbdadm and we accept', async () => {
        for (const [i, text] of SEEDS.entries()) {
            const file = join(dir, `seed${i}.res`);
            writeFileSync(file, text);
            expect((await drbdadm(file)).rc, `seed ${i}`).toBe(0);
            expect(analyzeText(file, text).accepted, `seed ${i}`).toBe(true);
        }
    });

    it(`analyses ${IN_PROCESS} inputs in-process: no crash, no hang, valid ranges`, () => {
        const main = join(dir, 'main.res');
        const failures: string[] = [];
        let crashes = 0;
        let badRanges = 0;
        let maxMs = 0;
        const inputs = [...sample(IN_PROCESS, 0), ...PATHOLOGICAL.map((shape, i) => pathologicalInput(i % SEEDS.length, 0.5, shape))];
        for (const input of inputs) {
            try {
                const [outcome, ms] = cpuMs(() => analyzeText(main, input.text));
                maxMs = Math.max(maxMs, ms);
                const problems = diagnosticProblems(outcome.analysis.diagnostics, new Map([[main, input.text]]));
                if (problems.length) {
                    badRanges++;
                    failures.push(`${problems.slice(0, 3).join('\n')}\n  in ${show(input)}`);
                }
            } catch (e) {
                crashes++;
                failures.push(`${(e as Error).stack}\n  in ${show(input)}`);
            }
        }
        Object.assign(counts, { inProcess: inputs.length, crashes, badRanges, maxCpuMs: Math.round(maxMs) });
        expect(failures.slice(0, 5).join('\n\n')).toBe('');
    }, 120_000 * SCALE);

    it(`runs drbdconf check on ${CLI} inputs and every pathological shape: exit 0/1, JSON, no stack trace`, async () => {
        const inputs = [...PATHOLOGICAL.map((shape, i) => pathologicalInput(i % SEEDS.length, 0.3, shape)), ...sample(CLI, 1)];
        const failures: string[] = [];
        // What Node.js takes to load the CLI is not the check's time.
        const startup = (await runCli(['--version'])).cpuMs;
        let maxCpu = 0;
        let next = 0;
        await Promise.all([0, 1].map(async (worker) => {
            while (next < inputs.length) {
                const input = inputs[next++];
                const file = join(dir, `cli${worker}.res`);
                writeFileSync(file, input.text);
                const run = await runCli(['check', '-c', file, '--format', 'json'], { cwd: dir, timeoutMs: 30_000 });
                maxCpu = Math.max(maxCpu, run.cpuMs);
                const binary = input.text.slice(0, 8192).includes('\0');
                const problems: string[] = [];
                if (run.timedOut) problems.push('hung');
                if (looksLikeStackTrace(run.stderr)) problems.push(`stack trace: ${run.stderr.slice(0, 400)}`);
                if (binary) {
                    // Refused as a binary file: one line, exit 2.
                    if (run.code !== 2 || run.stderr.trim().split('\n').length !== 1) problems.push(`binary: exit ${run.code}, ${run.stderr}`);
                } else if (run.code !== 0 && run.code !== 1) {
                    problems.push(`exit ${run.code}: ${run.stderr.slice(0, 400)}`);
                } else {
                    const rows = (JSON.parse(run.stdout) as { diagnostics: { file: string; line: number; column: number; endLine: number; endColumn: number; message: string; severity: Diagnostic['severity']; code: string }[] }).diagnostics;
                    const diagnostics: Diagnostic[] = rows.map((r) => ({
                        loc: { file: join(dir, r.file), line: r.line, startLine: r.line - 1, startChar: r.column - 1, endLine: r.endLine - 1, endChar: r.endColumn - 1 },
                        severity: r.severity, message: r.message, code: r.code as Diagnostic['code'],
                    }));
                    problems.push(...diagnosticProblems(diagnostics, new Map([[file, input.text]])).slice(0, 3));
                }
                if (problems.length) failures.push(`${problems.join('\n')}\n  in ${show(input)}`);
            }
        }));
        Object.assign(counts, { cli: inputs.length, cliFailures: failures.length, cliMaxCpuMs: Math.round(maxCpu), cliStartupCpuMs: Math.round(startup) });
        expect(failures.slice(0, 5).join('\n\n')).toBe('');
    }, 240_000 * SCALE);

    it(`language server answers hover and completion on ${LSP} inputs`, async () => {
        const root = pathToFileURL(dir).href;
        let client = await startServer({ rootUri: root });
        const failures: string[] = [];
        let requests = 0;
        try {
            const inputs = [...sample(LSP, 2), ...PATHOLOGICAL.filter(([name]) => /deep|long word/.test(name)).map((shape, i) => pathologicalInput(i % SEEDS.length, 0.7, shape))];
            // One document, its whole text replaced by each input in turn.
            const uri = pathToFileURL(join(dir, 'lsp.res')).href;
            let opened = false;
            for (const input of inputs) {
                const document = TextDocument.create(uri, 'drbd', 1, input.text);
                try {
                    await (opened ? client.change(uri, input.text) : client.open(uri, input.text));
                    opened = true;
                    const diagnostics = await client.diagnostics(uri, () => true, 30_000);
                    const positions = [0, 0.25, 0.5, 0.9, 1].map((f) => document.positionAt(Math.floor(f * input.text.length)));
                    const asked = positions.flatMap((position) => [
                        client.request('textDocument/hover', { textDocument: { uri }, position }),
                        client.request('textDocument/completion', { textDocument: { uri }, position }),
                    ]);
                    requests += asked.length;
                    let timer: NodeJS.Timeout | undefined;
                    const deadline = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('hover/completion unanswered after 10 s')), 10_000)));
                    await Promise.race([Promise.all(asked), deadline]).finally(() => clearTimeout(timer));
                    const asLoc = diagnostics.map((d): Diagnostic => ({
                        loc: { file: 'doc', line: d.range.start.line + 1, startLine: d.range.start.line, startChar: d.range.start.character, endLine: d.range.end.line, endChar: d.range.end.character },
                        severity: 'error', message: String(d.message), code: String(d.code) as Diagnostic['code'],
                    }));
                    const problems = diagnosticProblems(asLoc, new Map([['doc', input.text]]));
                    if (problems.length) failures.push(`${problems.slice(0, 3).join('\n')}\n  in ${show(input)}`);
                } catch (e) {
                    // A hung or dead server: note it, and go on with a fresh one.
                    failures.push(`${(e as Error).message.split('\n')[0]}\n  in ${show(input)}`);
                    await client.close();
                    if (failures.length >= 3) break;
                    client = await startServer({ rootUri: root });
                    opened = false;
                }
            }
        } finally {
            await client.close();
        }
        Object.assign(counts, { lspInputs: LSP, lspRequests: requests, lspFailures: failures.length });
        expect(failures.slice(0, 5).join('\n\n')).toBe('');
    }, 300_000 * SCALE);

    it(`accepts what drbdadm accepts (${DIFFERENTIAL} inputs)`, async () => {
        const inputs = sample(DIFFERENTIAL, 3);
        const gaps: string[] = [];
        const stricterDrbdadm: string[] = [];
        let accepted = 0;
        let next = 0;
        await Promise.all([0, 1, 2, 3].map(async (worker) => {
            while (next < inputs.length) {
                const input = inputs[next++];
                const file = join(dir, `diff${worker}.res`);
                writeFileSync(file, input.text);
                const oracle = await drbdadm(file);
                const ours = analyzeText(file, input.text);
                if (oracle.rc === 0) accepted++;
                if (oracle.rc === 0 && !ours.accepted) {
                    const why = ours.analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => `  ${d.loc.line}: ${d.message.split('\n')[0]}`).join('\n');
                    gaps.push(`drbdadm accepts, we do not:\n${why}\n  in ${show(input)}`);
                }
                if (oracle.rc !== 0 && ours.accepted) stricterDrbdadm.push(`drbdadm rc ${oracle.rc}: ${oracle.err.split('\n')[0]}\n  in ${show(input)}`);
            }
        }));
        Object.assign(counts, { differential: inputs.length, drbdadmAccepted: accepted, weReject: gaps.length, weAcceptDrbdadmRejects: stricterDrbdadm.length });
        if (stricterDrbdadm.length) console.log(`drbdadm rejects, we accept (${stricterDrbdadm.length}):\n${stricterDrbdadm.slice(0, 5).join('\n\n')}`);
        expect(gaps.slice(0, 5).join('\n\n')).toBe('');
    }, 240_000 * SCALE);
});
