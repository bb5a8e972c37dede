import type { Loc } from '../model.js';

/** Stage names as drbdadm's `adjust-with-progress` prints them, in execution order. */
export type UpStage =
    | 'create res'
    | 'adjust res'
    | 'prepare disk'
    | 'prepare net'
    | 'adjust net'
    | 'adjust peer_devices'
    | 'adjust disk'
    | 'attempt to connect'
    | 'disconnect'
    | 'detach'
    | 'del-minor'
    | 'down';

/** One command drbdadm would run on one host. */
export interface PlanStep {
    host: string;
    resource: string;
    stage: UpStage;
    /** argv as executed, e.g. ['drbdsetup', 'new-peer', 'r0', '1', '--_name=hw2']. */
    argv: string[];
    /** The config construct that caused this step. */
    loc?: Loc;
}

/** What `drbdadm up|down` would do on one host: its commands, or its refusal. */
export interface HostPlan {
    host: string;
    steps: PlanStep[];
    /** drbdadm's exit status for this host (0 when it would run the steps). */
    exitCode: number;
    /** What drbdadm would print on stderr (warnings, or the refusal). */
    stderr: string;
}
