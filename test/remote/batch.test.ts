import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { batchCommand, MarkerSplitter, type BatchPiece } from '../../common/src/remote/batch.js';

const TOKEN = '@@drbdconf:0123456789abcdef';

/** Runs the batch script with the local sh, as the remote login shell would after parsing it. */
function runLocally(steps: string[][], closeStdinAfterMs?: number) {
    const [file, ...args] = batchCommand(TOKEN, steps);
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    if (closeStdinAfterMs !== undefined) setTimeout(() => child.stdin.end(), closeStdinAfterMs);
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        child.on('close', (code) => {
            clearTimeout(kill);
            child.stdin.destroy();
            resolve({ code, stdout, stderr });
        }),
    );
}

const pieces = (text: string) => [...new MarkerSplitter(TOKEN).push(text)];

test('steps run in order with markers on both streams; the first failure stops the batch', async () => {
    const r = await runLocally([
        ['sh', '-c', 'echo one'],
        ['sh', '-c', 'printf two; echo bad >&2; exit 3'],
        ['sh', '-c', 'echo never'],
    ]);
    expect(r.code).toBe(3);
    expect(pieces(r.stdout)).toEqual([
        { kind: 'start', index: 0 },
        { kind: 'text', text: 'one\n' },
        { kind: 'end', index: 0, exitCode: 0 },
        { kind: 'start', index: 1 },
        { kind: 'text', text: 'two' },
        { kind: 'end', index: 1, exitCode: 3 },
    ]);
    expect(pieces(r.stderr).filter((p) => p.kind === 'text')).toEqual([{ kind: 'text', text: 'bad\n' }]);
});

test('argv words reach the step exactly, whatever they contain', async () => {
    const odd = [`a'b`, '$(touch x)', 'c d', '', '-n', '\\', '"'];
    const r = await runLocally([['printf', '%s|', ...odd]]);
    expect(pieces(r.stdout)[1]).toEqual({ kind: 'text', text: odd.map((w) => `${w}|`).join('') });
});

test('closing stdin stops the running step and starts no other', async () => {
    const r = await runLocally([['sh', '-c', 'echo $$; exec sleep 8'], ['sh', '-c', 'echo never']], 300);
    const ps = pieces(r.stdout);
    expect(ps.at(-1)).toEqual({ kind: 'end', index: 0, exitCode: 143 });
    expect(ps.some((p) => p.kind === 'start' && p.index === 1)).toBe(false);
    const pid = Number((ps[1] as { text: string }).text);
    expect(() => process.kill(pid, 0)).toThrow();
});

test('markers are found however the stream is cut into chunks', () => {
    const text = `x\n\n${TOKEN} start 0\nout\n\n${TOKEN} end 0 0\n\n${TOKEN} start 1\nno newline\n${TOKEN} end 1 10\ntail`;
    const join = (ps: BatchPiece[]) =>
        ps.reduce<BatchPiece[]>((acc, p) => {
            const last = acc.at(-1);
            if (p.kind === 'text' && last?.kind === 'text') acc[acc.length - 1] = { kind: 'text', text: last.text + p.text };
            else acc.push(p);
            return acc;
        }, []);
    const whole = join([...new MarkerSplitter(TOKEN).push(text), ...new MarkerSplitter(TOKEN).flush()]);
    expect(whole.filter((p) => p.kind !== 'text')).toEqual([
        { kind: 'start', index: 0 },
        { kind: 'end', index: 0, exitCode: 0 },
        { kind: 'start', index: 1 },
        { kind: 'end', index: 1, exitCode: 10 },
    ]);
    fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }), (cuts) => {
            const s = new MarkerSplitter(TOKEN);
            const bounds = [0, ...cuts.sort((a, b) => a - b), text.length];
            const got = bounds.slice(1).flatMap((end, i) => s.push(text.slice(bounds[i], end)));
            expect(join([...got, ...s.flush()])).toEqual(whole);
        }),
    );
});
