/**
 * The oracle for tests: what the real drbdadm would run on host H for a config file, from
 * `drbdadm -c FILE -d VERB RES…` under a private UTS namespace whose hostname is H, run by the
 * installed drbdadm or another release's (`oracle`).
 */
import { drbdadmAsSync, INSTALLED_RELEASE, type OracleRelease } from '../oracle.js';
import type { HostPlan, UpStage } from '../../server/src/drbd/up/plan.js';
import { parseDryRun } from '../../common/src/remote/dry-run.js';

const STAGE: Record<string, UpStage> = {
    'new-resource': 'create res',
    'new-minor': 'prepare disk',
    'new-peer': 'prepare net',
    'new-path': 'prepare net',
    'peer-device-options': 'adjust peer_devices',
    attach: 'adjust disk',
    connect: 'attempt to connect',
    disconnect: 'disconnect',
    detach: 'detach',
    'del-minor': 'del-minor',
    down: 'down',
};

export function localPlan(host: string, configFile: string, resources: string[], verb: 'up' | 'down' = 'up', oracle: OracleRelease = INSTALLED_RELEASE): HostPlan {
    const r = drbdadmAsSync(host, ['-c', configFile, '-d', verb, ...resources], 10_000, oracle);
    const steps = parseDryRun(r.out).map((argv) => ({
        host,
        resource: argv[0] === 'drbdmeta' ? resources[0] : resourceOf(argv, resources),
        stage: argv[0] === 'drbdmeta' ? ('adjust disk' as const) : STAGE[argv[1]] ?? 'create res',
        argv,
    }));
    return { host, steps, exitCode: r.rc, stderr: r.err };
}

/** attach names a minor, not a resource: take the resource the step list is about. */
function resourceOf(argv: string[], resources: string[]): string {
    return resources.includes(argv[2]) ? argv[2] : resources[0];
}
