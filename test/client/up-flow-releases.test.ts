/**
 * "DRBD: Up" (the flow with the real runner) when hosts run different drbd-utils releases: the
 * server's plan is the target release's; after the preflight has read each host's drbdadm
 * release, the server plans that host again as its release, and that plan is shown, confirmed and
 * run. Simulated hosts behind real sshd run another release's real drbdadm.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderPreview } from '../../client/src/plan-preview.js';
import { openSshRemote } from '../../client/src/ssh-remote.js';
import { runUpFlow } from '../../client/src/up-flow.js';
import { DEFAULT_RELEASE } from '../../server/src/drbd/release.js';
import { localPlan } from '../harness/local-plan.js';
import { hostRelease } from '../harness/releases.js';
import { useRig } from '../harness/use-rig.js';
import { INSTALLED_RELEASE } from '../oracle.js';
import { fakePorts } from './flow-ports.js';
import { planResult, SECRET } from './plan-fixture.js';

const target = { uri: 'file:///work/r0.res', resource: 'r0' };

// 9.15.0 plans r0 as 9.22.0 does (the plumbing alone); 9.34.0 adds `drbdmeta … repair-md`.
for (const release of ['9.15.0', '9.34.0']) {
    const other = hostRelease(release, `"DRBD: Up" on hosts running drbdadm ${release}`);
    describe.skipIf(!other)(`hw1 runs drbdadm ${release}, hw2 the installed ${INSTALLED_RELEASE.release}`, () => {
        const rig = useRig(['hw1', 'hw2'], { drbdadm: other && { hw1: other.drbdadm } });
        const config = () => `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  net { shared-secret "${SECRET}"; }
  on hw1 { address ${rig().hosts.hw1.address}:7788; node-id 0; }
  on hw2 { address ${rig().hosts.hw2.address}:7788; node-id 1; }
}
`;
        /** What the host's own drbdadm prints for `-d up r0`. */
        function oracle(host: string): string[][] {
            const dir = mkdtempSync(join(rig().dir, 'oracle-'));
            try {
                writeFileSync(join(dir, 'r0.res'), config());
                return localPlan(host, join(dir, 'r0.res'), ['r0'], 'up', host === 'hw1' ? other!.oracle : INSTALLED_RELEASE).steps.map((s) => s.argv);
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
        }

        test('confirmed Up: each host is re-planned as its release, shown so, and records exactly its own drbdadm -d up', async () => {
            rig().reset();
            for (const h of ['hw1', 'hw2']) rig().install(h, 'r0.res', config());
            const asked: ({ host: string; release: string } | undefined)[] = [];
            const { ports, rec } = fakePorts({
                plan: async (as) => {
                    asked.push(as);
                    return planResult(config(), 'r0', 'up', 'r.res', as);
                },
                remote: () => openSshRemote({ configFile: rig().sshConfig, connectTimeoutSec: 3 }),
                answer: true,
            });
            const outcome = await runUpFlow('up', target, ports);
            expect(asked.slice(1).sort((a, b) => a!.host.localeCompare(b!.host))).toEqual([
                { host: 'hw1', release },
                { host: 'hw2', release: INSTALLED_RELEASE.release },
            ]);
            const shown = rec.previews.at(-1)!;
            expect(shown.plan.hosts.map((h) => [h.host, h.release, h.steps.map((s) => s.argv)])).toEqual([
                ['hw1', release, oracle('hw1')],
                ['hw2', INSTALLED_RELEASE.release, oracle('hw2')],
            ]);
            const text = renderPreview({ ...shown, reveal: false }).text;
            expect(text).toContain(`checked as drbd-utils ${DEFAULT_RELEASE}`);
            expect(text).toContain(`## hw1 — ${oracle('hw1').length} commands as drbd-utils ${release}`);
            expect(rec.confirms[0]?.detail).toContain(`hw1: ${oracle('hw1').length} commands as drbd-utils ${release}\n`);
            expect(outcome).toBe('ok');
            for (const h of ['hw1', 'hw2']) expect(rig().calls(h)).toEqual(oracle(h));
            expect(JSON.stringify([rec.logs, rec.notices, rec.confirms, rec.progress])).not.toContain(SECRET);
        });
    });
}
