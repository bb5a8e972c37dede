/**
 * Hosts on different drbd-utils releases (a rolling upgrade): the preflight reads each host's
 * `drbdadm --version`, has the host planned as that release, and checks and runs that plan.
 * Simulated hosts run another release's real drbdadm (test/harness/releases.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openConfig } from '../../server/src/cli/config-input.js';
import { DEFAULT_RELEASE, KNOWN_RELEASES, resolveRelease } from '../../server/src/drbd/release.js';
import { planHosts } from '../../server/src/reader/plan-hosts.js';
import { diffCommands } from '../../common/src/remote/drift.js';
import { releaseOfDrbdadm } from '../../common/src/remote/host-release.js';
import { preflight, type PreflightOptions } from '../../common/src/remote/preflight.js';
import { runPlans } from '../../common/src/remote/run.js';
import { SshSession } from '../../common/src/remote/ssh.js';
import { localPlan } from '../harness/local-plan.js';
import { hostRelease } from '../harness/releases.js';
import { useRig } from '../harness/use-rig.js';
import { INSTALLED_RELEASE } from '../oracle.js';

describe('the release a host is planned as, from its DRBDADM_VERSION', () => {
    test('a known release is itself; an unknown one the nearest older known, with the hint', () => {
        expect(releaseOfDrbdadm('9.34.0')).toEqual({ release: '9.34.0' });
        expect(releaseOfDrbdadm('99.0.0')).toEqual(resolveRelease('99.0.0'));
        expect(releaseOfDrbdadm('99.0.0')!.release).toBe(KNOWN_RELEASES.at(-1));
    });

    test('a build with a suffix is read as its X.Y.Z, and says so; no X.Y.Z: none', () => {
        expect(releaseOfDrbdadm('9.29.0-rc.1')).toEqual({ release: '9.29.0', hint: 'drbdadm 9.29.0-rc.1 is read as 9.29.0' });
        expect(releaseOfDrbdadm('99.0.0-rc.1')!.hint).toBe(`drbdadm 99.0.0-rc.1 is read as 99.0.0; ${resolveRelease('99.0.0')!.hint}`);
        expect(releaseOfDrbdadm('unknown')).toBeUndefined();
    });
});

// 9.15.0 plans r0 as 9.22.0 does (the plumbing alone); 9.34.0 adds `drbdmeta … repair-md`.
for (const release of ['9.15.0', '9.34.0']) {
    const other = hostRelease(release, `hosts running drbdadm ${release}`);
    describe.skipIf(!other)(`hw1 runs drbdadm ${release}, hw2 the installed ${INSTALLED_RELEASE.release}`, () => {
        const rig = useRig(['hw1', 'hw2'], { drbdadm: other && { hw1: other.drbdadm } });
        const config = () => `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  on hw1 { address ${rig().hosts.hw1.address}:7788; node-id 0; }
  on hw2 { address ${rig().hosts.hw2.address}:7788; node-id 1; }
}
`;
        /** The config here and on the hosts; `planned`: our plans as the target release, `replan`: one host as its own. */
        function setUp() {
            rig().reset();
            for (const h of ['hw1', 'hw2']) rig().install(h, 'r0.res', config());
            const dir = join(rig().dir, `local-${release}`);
            mkdirSync(dir, { recursive: true });
            const file = join(dir, 'r0.res');
            writeFileSync(file, config());
            const input = openConfig(file, dir);
            const plan = (release: string, host?: string) => {
                const p = planHosts('up', input.mainFile, input.source, ['r0'], DEFAULT_RELEASE, () => release, host);
                if (!('plans' in p)) throw new Error(p.message);
                return p.plans;
            };
            const replan: PreflightOptions['replan'] = (host, drbdadmVersion) => {
                const release = releaseOfDrbdadm(drbdadmVersion)!;
                return { plan: plan(release.release, host)[0]!, release };
            };
            /** What each host's own drbdadm (or the one given) prints for `-d up r0`. */
            const oracle = (host: string, as = host === 'hw1' ? other!.oracle : INSTALLED_RELEASE) => localPlan(host, file, ['r0'], 'up', as).steps.map((s) => s.argv);
            return { planned: plan(DEFAULT_RELEASE), replan, oracle };
        }

        async function withSession<T>(f: (s: SshSession) => Promise<T>): Promise<T> {
            const session = await SshSession.open({ configFile: rig().sshConfig, connectTimeoutSec: 3 });
            try {
                return await f(session);
            } finally {
                await session.close();
            }
        }

        test(`the host's real drbdadm ${release}: --version names it, and its \`up\` runs what its -d up prints`, async () => {
            const { oracle } = setUp();
            await withSession(async (s) => {
                expect((await s.exec('hw1', ['drbdadm', '--version'], { timeoutMs: 10_000 })).stdout).toMatch(new RegExp(`^DRBDADM_VERSION=${release.replaceAll('.', '\\.')}$`, 'm'));
                expect((await s.exec('hw2', ['drbdadm', '--version'], { timeoutMs: 10_000 })).stdout).toMatch(/^DRBDADM_VERSION=9\.22\.0$/m);
                const up = await s.exec('hw1', ['drbdadm', 'up', 'r0'], { timeoutMs: 10_000 });
                expect(up.exitCode).toBe(0);
            });
            // The stand-in answers every drbdsetup/drbdmeta call this release's `up` makes.
            expect(rig().calls('hw1')).toEqual(oracle('hw1'));
        });

        test('without re-planning, hw1 is compared with the target release\'s plan: the drift is what the two releases do differently', async () => {
            const { planned, oracle } = setUp();
            const report = await withSession((s) => preflight(s, 'up', planned));
            const hw1 = report.hosts.find((h) => h.host === 'hw1')!;
            expect([hw1.drbdadmVersion, hw1.release]).toEqual([release, undefined]);
            const differs = diffCommands(oracle('hw1', INSTALLED_RELEASE), oracle('hw1'));
            expect(hw1.drift).toEqual(differs);
            expect(hw1.ok).toBe(differs.length === 0);
        });

        test('each host planned as its own release: the preflight passes, each host records exactly its own drbdadm -d up', async () => {
            const { planned, replan, oracle } = setUp();
            const { report, run } = await withSession(async (s) => {
                const report = await preflight(s, 'up', planned, { replan });
                return { report, run: report.ok ? await runPlans(s, report) : undefined };
            });
            expect(report.hosts.map((h) => [h.host, h.release, h.problems])).toEqual([
                ['hw1', { release }, []],
                ['hw2', { release: INSTALLED_RELEASE.release }, []],
            ]);
            expect(run?.ok).toBe(true);
            for (const h of ['hw1', 'hw2']) expect(rig().calls(h)).toEqual(oracle(h));
        });
    });
}
