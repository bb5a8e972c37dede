/**
 * Issue 6's figures on the simulated hosts of test/harness (real sshd, real drbdadm, recording
 * drbdsetup): DRBD: Up (preflight + run, fresh ssh session) on 1 host vs 4 hosts, and on 1 host
 * vs a plain `ssh HOST drbdadm up RES`; and, to show what the per-host cost is made of, the same
 * 4-vs-1 with the classic curve25519 key exchange instead of OpenSSH's default (sntrup761x25519,
 * whose key generation takes most of the client's CPU per connection), and plain ssh on 4 hosts at
 * once vs 1 (what this machine allows any tool); what one connection costs (`ssh HOST true`); and
 * 4-vs-1 when the user's own ControlMasters to the hosts are open already. Needs root; stops the
 * rig it starts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostPlan } from '../../server/src/drbd/up/plan.js';
import { preflight } from '../../common/src/remote/preflight.js';
import { runPlans } from '../../common/src/remote/run.js';
import { SshSession, type SshSettings } from '../../common/src/remote/ssh.js';
import { localPlan } from '../harness/local-plan.js';
import { startRig, type Rig } from '../harness/rig.js';
import { meterCost, medianCost, type RemoteCost } from './remote-cost.js';
import { openUserMasters } from './user-masters.js';

const HOSTS = ['hw1', 'hw2', 'hw3', 'hw4'];
const ROUNDS = 5;

export interface UpFigures {
    /** Median ms of preflight + run on 1 host, on 4 hosts, and of plain `ssh hw1 drbdadm up r0`. */
    oneHost: number;
    fourHosts: number;
    plainSsh: number;
    /** Median ms of plain `ssh HOST drbdadm up r0` on the 4 hosts at once: the floor for 4 hosts on this machine. */
    plainSshFour: number;
    mode: string;
    /** Median cost of a run on 1 host and on 4. */
    oneCost: RemoteCost;
    fourCost: RemoteCost;
    /** Median ms on 1 and 4 hosts with `-o KexAlgorithms=curve25519-sha256` (for comparison only). */
    classicKex: { oneHost: number; fourHosts: number; oneCost: RemoteCost; fourCost: RemoteCost };
    /** Median cost of a plain `ssh hw1 true`: one connection's key exchange and authentication, here and on the host. */
    connection: RemoteCost;
    /** Median ms on 1 and 4 hosts through the user's ControlMasters, open before (user-masters.ts). */
    userMasters: { oneHost: number; fourHosts: number };
}

const CLASSIC_KEX = ['-o', 'KexAlgorithms=curve25519-sha256'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function resource(rig: Rig): string {
    const on = HOSTS.map((h, i) => `  on ${h} { address ${rig.hosts[h].address}:7788; node-id ${i}; }`).join('\n');
    return `resource r0 {\n  device minor 1; disk /dev/sdb1; meta-disk internal;\n${on}\n  connection-mesh { hosts ${HOSTS.join(' ')}; }\n}\n`;
}

async function up(rig: Rig, plans: HostPlan[], costs: RemoteCost[] = [], ssh: Partial<SshSettings> = {}): Promise<number> {
    rig.reset();
    const cost = meterCost(rig, plans.map((p) => p.host));
    const t0 = performance.now();
    const session = await SshSession.open({ configFile: rig.sshConfig, connectTimeoutSec: 5, ...ssh });
    try {
        const pre = await preflight(session, 'up', plans, { timeoutMs: 20_000 });
        if (!pre.ok) throw new Error(`preflight failed: ${JSON.stringify(pre.hosts.map((h) => h.problems))}`);
        const run = await runPlans(session, pre, { stepTimeoutMs: 20_000 });
        if (!run.ok) throw new Error('up failed on a simulated host');
    } finally {
        await session.close();
    }
    const ms = performance.now() - t0;
    costs.push(await cost());
    return ms;
}

/** `ssh HOST COMMAND` as one would type it, with the rig's config. */
const plainSshArgs = (rig: Rig, host: string, command: string) => ['-F', rig.sshConfig, '-o', 'BatchMode=yes', '-T', '--', host, command];

/** Runs `ssh hw1 COMMAND`; throws unless it succeeds. */
function plainSshOnce(rig: Rig, command: string): void {
    const r = spawnSync('ssh', plainSshArgs(rig, 'hw1', command), { stdio: 'ignore', timeout: 20_000 });
    if (r.status !== 0) throw new Error(`plain ssh ${command} failed (${r.status})`);
}

function plainSsh(rig: Rig): number {
    rig.reset();
    const t0 = performance.now();
    plainSshOnce(rig, 'drbdadm up r0');
    return performance.now() - t0;
}

/** The cost of `ssh hw1 true`: a connection and nothing else. */
function connectionCost(rig: Rig, costs: RemoteCost[]): Promise<void> {
    const cost = meterCost(rig, ['hw1']);
    plainSshOnce(rig, 'true');
    return cost().then((c) => void costs.push(c));
}

/** `ssh HOST drbdadm up r0` on every host at once, as one would from a shell: ms until the last ends. */
async function plainSshAtOnce(rig: Rig, hosts: string[]): Promise<number> {
    rig.reset();
    const t0 = performance.now();
    await Promise.all(hosts.map((h) => new Promise<void>((done, fail) => {
        const child = spawn('ssh', plainSshArgs(rig, h, 'drbdadm up r0'), { stdio: 'ignore', timeout: 20_000 });
        child.on('error', fail);
        child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`plain ssh ${h} drbdadm up failed (${code})`))));
    })));
    return performance.now() - t0;
}

export async function upBench(): Promise<UpFigures> {
    const rig = await startRig(HOSTS);
    const stop = () => void rig.stop();
    process.once('SIGINT', stop);
    try {
        const text = resource(rig);
        for (const h of HOSTS) rig.install(h, 'r0.res', text);
        const local = join(rig.dir, 'local');
        mkdirSync(local);
        writeFileSync(join(local, 'r0.res'), text);
        const plans = HOSTS.map((h) => localPlan(h, join(local, 'r0.res'), ['r0']));
        const one: number[] = [];
        const four: number[] = [];
        const plain: number[] = [];
        const plainFour: number[] = [];
        const oneCost: RemoteCost[] = [];
        const fourCost: RemoteCost[] = [];
        const classic = { one: [] as number[], four: [] as number[], oneCost: [] as RemoteCost[], fourCost: [] as RemoteCost[] };
        const connection: RemoteCost[] = [];
        const userMasters = { one: [] as number[], four: [] as number[] };
        await up(rig, plans); // warm-up: sshd and drbdadm pages in memory
        for (let i = 0; i < ROUNDS; i++) {
            one.push(await up(rig, plans.slice(0, 1), oneCost));
            four.push(await up(rig, plans, fourCost));
            plain.push(plainSsh(rig));
            plainFour.push(await plainSshAtOnce(rig, HOSTS));
            classic.one.push(await up(rig, plans.slice(0, 1), classic.oneCost, { extraArgs: CLASSIC_KEX }));
            classic.four.push(await up(rig, plans, classic.fourCost, { extraArgs: CLASSIC_KEX }));
            await connectionCost(rig, connection);
        }
        const masters = openUserMasters(rig, HOSTS);
        try {
            for (let i = 0; i < ROUNDS; i++) {
                userMasters.one.push(await up(rig, plans.slice(0, 1), [], { configFile: masters.configFile }));
                userMasters.four.push(await up(rig, plans, [], { configFile: masters.configFile }));
            }
        } finally {
            masters.stop();
        }
        return {
            oneHost: median(one), fourHosts: median(four), plainSsh: median(plain), plainSshFour: median(plainFour), mode: rig.mode, oneCost: medianCost(oneCost), fourCost: medianCost(fourCost),
            classicKex: { oneHost: median(classic.one), fourHosts: median(classic.four), oneCost: medianCost(classic.oneCost), fourCost: medianCost(classic.fourCost) },
            connection: medianCost(connection),
            userMasters: { oneHost: median(userMasters.one), fourHosts: median(userMasters.four) },
        };
    } finally {
        process.removeListener('SIGINT', stop);
        await rig.stop();
    }
}
