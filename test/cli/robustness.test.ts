/**
 * `drbdconf check` on inputs that are no configuration at all: each gives one line on
 * stderr naming the problem, exit status 2 (usage or I/O problem, see main.ts), quickly, and no
 * stack trace. Tests run as root, who may read anything: the unreadable file is read as `nobody`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { looksLikeStackTrace, runCli, type CliOptions } from '../fuzz/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'drbdconf-robust-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VALID = 'resource r0 {\n  device minor 1; disk /dev/sdb1; meta-disk internal;\n  on hw1 { address 10.0.0.1:7788; node-id 0; }\n  on hw2 { address 10.0.0.2:7788; node-id 1; }\n}\n';
const NOBODY = 65534;

/** A 50 MB file of valid resources. */
function huge(): string {
    const file = join(dir, 'huge.res');
    const one = (i: number) => `resource r${i} { device minor ${i}; disk /dev/sdb1; meta-disk internal; on hw1 { address 10.0.0.1:${7000 + (i % 1000)}; } on hw2 { address 10.0.0.2:${7000 + (i % 1000)}; } }\n`;
    const chunk = Array.from({ length: 1000 }, (_, i) => one(i)).join('');
    writeFileSync(file, chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length)));
    return file;
}

async function expectOneLineRefusal(args: string[], message: RegExp, options: CliOptions = {}): Promise<void> {
    const run = await runCli(['check', ...args], { timeoutMs: 20_000, ...options });
    expect(run.timedOut, 'hung').toBe(false);
    expect(looksLikeStackTrace(run.stderr), run.stderr).toBe(false);
    expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
    expect(run.stderr.trimEnd()).toMatch(message);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
}

describe('drbdconf check refuses what is no configuration, in one line with exit 2', () => {
    it('a missing file', () => expectOneLineRefusal(['-c', join(dir, 'missing.res')], /^drbdconf: .*missing\.res: No such file or directory$/));

    it('a directory', () => {
        mkdirSync(join(dir, 'adir'));
        return expectOneLineRefusal(['-c', join(dir, 'adir')], /adir: is a directory$/);
    });

    it('a FIFO (without waiting for a writer)', () => {
        execFileSync('mkfifo', [join(dir, 'fifo')]);
        return expectOneLineRefusal(['-c', join(dir, 'fifo')], /fifo: not a regular file$/);
    });

    it('a file its reader may not read', () => {
        writeFileSync(join(dir, 'secret.res'), VALID);
        chmodSync(join(dir, 'secret.res'), 0o000);
        return expectOneLineRefusal(['-c', join(dir, 'secret.res')], /secret\.res: Permission denied$/, { uid: NOBODY, gid: NOBODY });
    });

    it('a binary file', () => {
        writeFileSync(join(dir, 'binary.res'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, ...Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)]));
        return expectOneLineRefusal(['-c', join(dir, 'binary.res')], /binary\.res: binary file/);
    });

    it('a 50 MB file', () => expectOneLineRefusal(['-c', huge()], /huge\.res: too large \(\d+ bytes; at most \d+\)$/));

    it('50 MB on standard input', async () => {
        const file = join(dir, 'huge.res');
        const { readFileSync } = await import('node:fs');
        await expectOneLineRefusal(['-c', '-'], /^drbdconf: -: too large/, { stdin: readFileSync(file) });
    });

    it('binary data on standard input', () => expectOneLineRefusal(['-c', '-'], /^drbdconf: -: binary file/, { stdin: Buffer.from([0, 1, 2, 3, 0xff, 0]) }));
});

describe('drbdconf check reads standard input', () => {
    it('checks a valid config from -c -', async () => {
        const run = await runCli(['check', '-c', '-'], { stdin: VALID, cwd: dir });
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
    });

    it('reports errors in the config from -c - against the name STDIN', async () => {
        const run = await runCli(['check', '-c', '-'], { stdin: 'resource r0 { net { protocol C;; } }\n', cwd: dir });
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^STDIN:1:\d+: error: /m);
        expect(looksLikeStackTrace(run.stdout + run.stderr)).toBe(false);
    });

    it('an empty standard input is an empty config', async () => {
        const run = await runCli(['check', '-c', '-'], { stdin: '', cwd: dir });
        expect(looksLikeStackTrace(run.stderr)).toBe(false);
        expect([0, 1]).toContain(run.code);
    });
});

describe('include targets that cannot be read are diagnostics on the include line', () => {
    it('FIFO, directory, symlink loop, missing file, unreadable file: exit 1, no hang', async () => {
        const base = join(dir, 'inc');
        mkdirSync(base);
        chmodSync(base, 0o755);
        execFileSync('mkfifo', [join(base, 'fifo.res')]);
        mkdirSync(join(base, 'dir.res'));
        symlinkSync('loop.res', join(base, 'loop.res'));
        writeFileSync(join(base, 'locked.res'), VALID);
        chmodSync(join(base, 'locked.res'), 0o000);
        const includes = ['fifo.res', 'dir.res', 'loop.res', 'missing.res', 'locked.res'];
        writeFileSync(join(base, 'main.res'), includes.map((f) => `include "${f}";\n`).join('') + VALID.replace('r0', 'main'));
        chmodSync(join(base, 'main.res'), 0o644);
        const run = await runCli(['check', '-c', join(base, 'main.res'), '--format', 'json'], { uid: NOBODY, gid: NOBODY, timeoutMs: 20_000 });
        expect(run.timedOut).toBe(false);
        expect(looksLikeStackTrace(run.stderr)).toBe(false);
        expect(run.code).toBe(1);
        const rows = (JSON.parse(run.stdout) as { diagnostics: { line: number; message: string; severity: string }[] }).diagnostics;
        const expected = [/not a regular file/, /is a directory/, /Too many levels of symbolic links/, /Failed to open include file 'missing\.res'/, /Permission denied/];
        expected.forEach((message, i) => {
            expect(rows.some((r) => r.line === i + 1 && r.severity === 'error' && message.test(r.message)), `line ${i + 1}: ${message}\n${run.stdout}`).toBe(true);
        });
    });
});
