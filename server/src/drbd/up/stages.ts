/**
 * drbdadm's deferred-command stages (enum drbd_cfg_stage): `up` only schedules commands, then
 * runs each stage for all selected resources before the next one. Several stages share the
 * label `adjust-with-progress` prints, so the order is kept by index, the label for display.
 */
import type { Loc } from '../model.js';
import type { UpStage } from './plan.js';

export const CFG_STAGES = [
    'prereq', 'resource', 'disk-prep-down', 'disk-prep-up', 'net-disconnect', 'net-prep-down',
    'net-prep-up', 'net-path', 'net', 'peer-device', 'disk', 'net-connect',
] as const;

export type CfgStage = (typeof CFG_STAGES)[number];

const LABEL: Record<CfgStage, UpStage> = {
    'prereq': 'create res',
    'resource': 'adjust res',
    'disk-prep-down': 'prepare disk',
    'disk-prep-up': 'prepare disk',
    'net-disconnect': 'prepare net',
    'net-prep-down': 'prepare net',
    'net-prep-up': 'prepare net',
    'net-path': 'prepare net',
    'net': 'adjust net',
    'peer-device': 'adjust peer_devices',
    'disk': 'adjust disk',
    'net-connect': 'attempt to connect',
};

export function stageLabel(stage: CfgStage): UpStage {
    return LABEL[stage];
}

export function stageIndex(stage: CfgStage): number {
    return CFG_STAGES.indexOf(stage);
}

/** A command `up`/`down` scheduled for one stage, or drbdadm's refusal to run it. */
export interface Scheduled {
    stage: CfgStage;
    resource: string;
    argv: string[];
    loc?: Loc;
    /** Printed on stderr instead of running the command; the stage then counts as failed. */
    error?: string;
}
