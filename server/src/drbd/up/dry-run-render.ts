/** What `drbdadm -d` prints: each command through drbdadm's shell_escape, one per line. */
import type { HostPlan } from './plan.js';
import { dryRunLineBytes } from './shell-escape.js';

export function renderDryRunBytes(plan: HostPlan): Buffer {
    return Buffer.concat(plan.steps.flatMap((step) => [dryRunLineBytes(step.argv), Buffer.from('\n')]));
}

/** The dry-run text (non-ASCII bytes are escaped one by one, so write the bytes form when exactness matters). */
export function renderDryRun(plan: HostPlan): string {
    return renderDryRunBytes(plan).toString('utf8');
}
