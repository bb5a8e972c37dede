import type { HostPlan } from '../../../server/src/drbd/up/plan.js';

/**
 * Names checked before any ssh runs. A name may be any DRBD name (a word, or a quoted string of up
 * to 255 characters), so shell metacharacters are legal and are made harmless by quoting; what is
 * refused is what could never be a DRBD name or could be read as an option by ssh or drbdsetup.
 */
const CONTROL = /[\x00-\x1f\x7f]/;

export type NameKind = 'host' | 'resource' | 'destination';

/** Why `name` is unusable as a `kind`, or undefined if it is fine. */
export function nameProblem(kind: NameKind, name: string): string | undefined {
    if (name.length === 0) return `${kind} name is empty`;
    if (name.length > 255) return `${kind} name is longer than 255 characters`;
    if (CONTROL.test(name)) return `${kind} name ${JSON.stringify(name)} contains control characters`;
    if (name.startsWith('-')) return `${kind} name ${JSON.stringify(name)} starts with '-'`;
    // drbdadm reads RES/VOL on its command line as resource + volume number.
    if (kind === 'resource' && name.includes('/')) return `resource name ${JSON.stringify(name)} contains '/'`;
    return undefined;
}

/** The ssh destination of an `on` name: the user's mapping, else the name itself. */
export function destinationOf(host: string, hosts: Record<string, string> | undefined): string {
    return hosts?.[host] ?? host;
}

/** The resources a host plan touches, in order of first appearance. */
export function resourcesOf(plan: HostPlan): string[] {
    return [...new Set(plan.steps.map((s) => s.resource))];
}

/** Every naming problem in the plans and the destination map, one message each. */
export function namingProblems(plans: HostPlan[], hosts: Record<string, string> | undefined): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const plan of plans) {
        if (seen.has(plan.host)) problems.push(`host ${JSON.stringify(plan.host)} has two plans`);
        seen.add(plan.host);
        const checks: [NameKind, string][] = [
            ['host', plan.host],
            ['destination', destinationOf(plan.host, hosts)],
            ...resourcesOf(plan).map((r): [NameKind, string] => ['resource', r]),
        ];
        for (const step of plan.steps) {
            if (step.host !== plan.host) problems.push(`a step of host ${plan.host} names host ${JSON.stringify(step.host)}`);
            if (step.argv.length === 0) problems.push(`a step of host ${plan.host} has no command`);
        }
        for (const [kind, name] of checks) {
            const p = nameProblem(kind, name);
            if (p) problems.push(p);
        }
    }
    return [...new Set(problems)];
}
