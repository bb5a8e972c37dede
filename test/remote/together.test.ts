/** execTogether (common/src/remote/together.ts) against a simulated host behind real sshd. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SshSession } from '../../common/src/remote/ssh.js';
import { execTogether } from '../../common/src/remote/together.js';
import { useRig } from '../harness/use-rig.js';

const rig = useRig(['hw1']);

async function withSession<T>(body: (s: SshSession) => Promise<T>, hosts?: Record<string, string>): Promise<T> {
    const s = await SshSession.open({ configFile: rig().sshConfig, connectTimeoutSec: 3, hosts });
    try {
        return await body(s);
    } finally {
        await s.close();
    }
}

test('each command gets its own output and exit status, in one session; only the stdin command reads stdin; words never reach a shell as syntax', async () => {
    const evil = "$(touch PWNED)'`touch PWNED`;\"&& touch PWNED #\nsecond line";
    const before = readFileSync(join(rig().hosts.hw1.dir, 'sshd.log'), 'utf8').match(/Starting session/g)?.length ?? 0;
    const [a, b, c, d, e] = await withSession((s) =>
        execTogether(
            s,
            'hw1',
            [
                { argv: ['uname', '-n'] },
                { argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'] },
                { argv: ['cat'] },
                { argv: ['sh', '-c', 'cat; printf "%s" "$1"', 'sh', evil], stdin: true },
                { argv: ['no-such-command-here'] },
            ],
            { timeoutMs: 10_000, input: 'the input\n' },
        ),
    );
    expect([a.exitCode, a.stdout, a.stderr]).toEqual([0, 'hw1\n', '']);
    expect([b.exitCode, b.stdout, b.stderr]).toEqual([3, 'out\n', 'err\n']);
    expect([c.exitCode, c.stdout]).toEqual([0, '']);
    expect([d.exitCode, d.stdout]).toEqual([0, `the input\n${evil}`]);
    expect(e.exitCode).toBe(127);
    const after = readFileSync(join(rig().hosts.hw1.dir, 'sshd.log'), 'utf8').match(/Starting session/g)?.length ?? 0;
    expect(after - before).toBe(1);
    expect(existsSync(join(rig().hosts.hw1.dir, 'home', 'PWNED'))).toBe(false);
});

test('when ssh fails, every command gets its result: exit 255 and ssh\'s message', async () => {
    const results = await withSession((s) => execTogether(s, 'hw1', [{ argv: ['true'] }, { argv: ['true'] }], { timeoutMs: 10_000 }), { hw1: rig().aliases.refused });
    for (const r of results) {
        expect(r.exitCode).toBe(255);
        expect(r.stderr).toMatch(/refused/i);
    }
});
