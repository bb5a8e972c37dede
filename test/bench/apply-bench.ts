/**
 * Issue 17's figure on the simulated hosts of test/harness (real sshd, real drbdadm, recording
 * drbdsetup): DRBD: Apply (preflight, install, adjust, status, fresh ssh session) of a changed
 * resource file on 1 host vs 4 hosts, also when the user's own ControlMasters to the hosts are open
 * already. Needs root; stops the rig it starts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyConfig } from '../../common/src/remote/apply/apply.js';
import { applyPlan } from '../../common/src/remote/apply/plan.js';
import { SshSession } from '../../common/src/remote/ssh.js';
import { openConfig } from '../../server/src/cli/config-input.js';
import { startRig, type Rig } from '../harness/rig.js';
import { meterCost, medianCost, type RemoteCost } from './remote-cost.js';
import { openUserMasters } from './user-masters.js';

const HOSTS = ['hw1', 'hw2', 'hw3', 'hw4'];
const ROUNDS = 5;

export interface ApplyFigures {
    /** Median ms of a whole Apply on 1 host and on 4 hosts. */
    oneHost: number;
    fourHosts: number;
    mode: string;
    /** Median cost of an Apply on 1 host and on 4. */
    oneCost: RemoteCost;
    fourCost: RemoteCost;
    /** Median ms on 1 and 4 hosts through the user's ControlMasters, open before (user-masters.ts). */
    userMasters: { oneHost: number; fourHosts: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function resource(rig: Rig, hosts: string[]): string {
    const on = hosts.map((h, i) => `  on ${h} { address ${rig.hosts[h].address}:7788; node-id ${i}; }`).join('\n');
    return `resource r0 {\n  device minor 1; disk /dev/sdb1; meta-disk internal;\n${on}\n  connection-mesh { hosts ${hosts.join(' ')}; }\n}\n`;
}

async function apply(rig: Rig, main: string, hosts: string[], round: number, costs: RemoteCost[] = [], configFile = rig.sshConfig): Promise<number> {
    rig.reset();
    // Each round changes the file on every host: a comment with the round's number.
    const text = `# round ${round}\n${resource(rig, HOSTS)}`;
    writeFileSync(join(main, '..', 'drbd.d', 'r0.res'), text);
    const input = openConfig(main, '/');
    const cost = meterCost(rig, hosts);
    const t0 = performance.now();
    const plan = applyPlan(input.mainFile, input.source, ['r0'], '9.22.0');
    if ('message' in plan) throw new Error(plan.message);
    const session = await SshSession.open({ configFile, connectTimeoutSec: 5 });
    try {
        const targets = plan.targets.filter((t) => hosts.includes(t.host));
        const report = await applyConfig(session, plan.files, targets, { confirm: async () => true });
        if (!report.ok) throw new Error(`apply failed: ${JSON.stringify(report.preflight.map((p) => p.problems))}`);
    } finally {
        await session.close();
    }
    const ms = performance.now() - t0;
    costs.push(await cost());
    return ms;
}

export async function applyBench(): Promise<ApplyFigures> {
    const rig = await startRig(HOSTS);
    const stop = () => void rig.stop();
    process.once('SIGINT', stop);
    try {
        const local = join(rig.dir, 'local');
        mkdirSync(join(local, 'drbd.d'), { recursive: true });
        writeFileSync(join(local, 'drbd.conf'), readFileSync(join(rig.hosts.hw1.dir, 'etc', 'drbd.conf')));
        writeFileSync(join(local, 'drbd.d', 'global_common.conf'), readFileSync(join(rig.hosts.hw1.dir, 'etc', 'drbd.d', 'global_common.conf')));
        const main = join(local, 'drbd.conf');
        const one: number[] = [];
        const four: number[] = [];
        const oneCost: RemoteCost[] = [];
        const fourCost: RemoteCost[] = [];
        let round = 0;
        await apply(rig, main, HOSTS, round++); // warm-up: sshd and drbdadm pages in memory
        for (let i = 0; i < ROUNDS; i++) {
            one.push(await apply(rig, main, HOSTS.slice(0, 1), round++, oneCost));
            four.push(await apply(rig, main, HOSTS, round++, fourCost));
        }
        const userMasters = { one: [] as number[], four: [] as number[] };
        const masters = openUserMasters(rig, HOSTS);
        try {
            for (let i = 0; i < ROUNDS; i++) {
                userMasters.one.push(await apply(rig, main, HOSTS.slice(0, 1), round++, [], masters.configFile));
                userMasters.four.push(await apply(rig, main, HOSTS, round++, [], masters.configFile));
            }
        } finally {
            masters.stop();
        }
        return {
            oneHost: median(one), fourHosts: median(four), mode: rig.mode, oneCost: medianCost(oneCost), fourCost: medianCost(fourCost),
            userMasters: { oneHost: median(userMasters.one), fourHosts: median(userMasters.four) },
        };
    } finally {
        process.removeListener('SIGINT', stop);
        await rig.stop();
    }
}
