/** execTogether (common/src/remote/together.ts) against a simulated host behind real sshd. */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { preflight } from '../../common/src/remote/preflight.js';
import { runPlans } from '../../common/src/remote/run.js';
import { SshSession } from '../../common/src/remote/ssh.js';
import { execTogether } from '../../common/src/remote/together.js';
import { localPlan } from '../harness/local-plan.js';
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
    const before = rig().logins('hw1').sessions;
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
    const after = rig().logins('hw1').sessions;
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

test("DRBD: Up's preflight and run cost one ssh connection and two sessions on the host", async () => {
    const text = `resource r0 {\n  device minor 1; disk /dev/sdb1; meta-disk internal;\n  on hw1 { address ${rig().hosts.hw1.address}:7788; node-id 0; }\n  on peer { address 192.0.2.9:7788; node-id 1; }\n}\n`;
    rig().install('hw1', 'r0.res', text);
    const file = join(rig().dir, 'r0.res');
    writeFileSync(file, text);
    const plan = localPlan('hw1', file, ['r0']);
    const before = rig().logins('hw1');
    try {
        await withSession(async (s) => {
            const report = await preflight(s, 'up', [plan], { timeoutMs: 10_000 });
            expect(report.ok, JSON.stringify(report.hosts[0].problems)).toBe(true);
            expect((await runPlans(s, report)).ok).toBe(true);
        });
        expect(rig().calls('hw1')).toEqual(plan.steps.map((st) => st.argv));
        const after = rig().logins('hw1');
        expect({ connections: after.connections - before.connections, sessions: after.sessions - before.sessions }).toEqual({ connections: 1, sessions: 2 });
    } finally {
        rmSync(join(rig().hosts.hw1.dir, 'etc', 'drbd.d', 'r0.res'));
        rig().reset();
    }
});
