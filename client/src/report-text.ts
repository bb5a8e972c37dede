/**
 * The words of "DRBD: Up/Down": confirmation, preflight lines, per-host summary. Stable texts
 * (the e2e test looks for them): the confirmation is `DRBD: Up RES on HOSTS?` with one button
 * `Up`, the summary starts with `DRBD: Up RES:`. Every text that can contain a command goes
 * through `mask`.
 */
import type { HostPlan } from '../../common/src/protocol.js';
import type { HostPreflight, PreflightReport, RemoteVerb } from '../../common/src/remote/preflight.js';
import type { HostRun, RunReport } from '../../common/src/remote/run.js';
import { formatMasked } from '../../common/src/remote/secrets.js';

export type Mask = (text: string) => string;

export function verbTitle(verb: RemoteVerb): 'Up' | 'Down' {
    return verb === 'up' ? 'Up' : 'Down';
}

/** `hw1`, or `hw1 (root@10.0.0.1)` when the ssh destination differs from the `on` name. */
export function hostLabel(h: { host: string; destination: string }): string {
    return h.destination === h.host ? h.host : `${h.host} (${h.destination})`;
}

export interface Confirmation {
    title: string;
    detail: string;
    button: 'Up' | 'Down';
}

/** `7 commands as drbd-utils 9.34.0`: the size of a host's plan and the release it is for. */
export function planSize(p: HostPlan & { release?: string }): string {
    const n = p.steps.length;
    return `${n} command${n === 1 ? '' : 's'}${p.release ? ` as drbd-utils ${p.release}` : ''}`;
}

/** The modal question: hosts, resource, and every command that will run there (as which release). */
export function confirmation(verb: RemoteVerb, resource: string, plans: readonly (HostPlan & { release?: string })[], destination: (host: string) => string): Confirmation {
    const button = verbTitle(verb);
    const detail = plans.map((p) => {
        const label = hostLabel({ host: p.host, destination: destination(p.host) });
        return [`${label}: ${planSize(p)}`, ...p.steps.map((s, i) => `  ${i + 1}. ${formatMasked(s.argv)}`)].join('\n');
    });
    const consequence =
        verb === 'up'
            ? 'The commands change the DRBD state of these hosts (devices created, disks attached, connections started).'
            : 'The resource is taken down on these hosts: it disconnects its peers and detaches its disks; I/O on its devices stops.';
    return { title: `DRBD: ${button} ${resource} on ${plans.map((p) => p.host).join(', ')}?`, detail: [consequence, '', ...detail].join('\n'), button };
}

/**
 * One line per host ("hw1: ok — …" / "hw1: FAILED") followed by indented lines: how its release
 * was read when drbdconf does not know it, then its problems.
 */
export function preflightLines(report: PreflightReport, mask: Mask): string[] {
    const lines = report.namingProblems.map((p) => `refused before connecting: ${mask(p)}`);
    for (const h of report.hosts) {
        lines.push(`${hostLabel(h)}: ${h.ok ? 'ok' : 'FAILED'}${facts(h)} (${h.durationMs} ms)`);
        if (h.release?.hint) lines.push(`  release: ${h.release.hint}`);
        for (const p of h.problems) {
            lines.push(`  ${p.check}: ${mask(p.message)}`);
            for (const d of (p.detail ?? '').split('\n').filter(Boolean)) lines.push(`    | ${mask(d)}`);
        }
    }
    return lines;
}

function facts(h: HostPreflight): string {
    const f = [h.nodename && `hostname ${h.nodename}`, h.drbdadmVersion && `drbdadm ${h.drbdadmVersion}`, h.kernelVersion && `kernel module ${h.kernelVersion}`];
    if (h.ok) f.push('its drbdadm would run the same commands');
    const known = f.filter(Boolean);
    return known.length > 0 ? ` — ${known.join(', ')}` : '';
}

/** What one host did, in one line. */
export function hostSummary(h: HostRun, mask: Mask): string {
    const total = h.steps.length;
    const ran = h.steps.filter((s) => s.status === 'ok').length;
    const counts = `${ran} of ${total} command${total === 1 ? '' : 's'} ran`;
    if (h.status === 'ok') return `${hostLabel(h)} ok (${counts})`;
    if (h.error) return `${hostLabel(h)} FAILED: ${mask(h.error)} (${counts})`;
    if (h.stoppedAt === undefined) return `${hostLabel(h)} CANCELLED before its next command (${counts})`;
    const s = h.steps[h.stoppedAt];
    const what = `step ${h.stoppedAt + 1} \`${formatMasked(s.step.argv)}\``;
    const how = h.status === 'cancelled' ? 'CANCELLED during' : s.status === 'timed-out' ? 'TIMED OUT at' : 'FAILED at';
    return `${hostLabel(h)} ${how} ${what} (exit ${s.exitCode ?? '-'}): ${mask(s.message ?? '')} (${counts})`;
}

export interface Summary {
    severity: 'info' | 'warning' | 'error';
    text: string;
}

/** The final notification: `DRBD: Up r0: hw1 ok (7 of 7 commands ran); hw2 FAILED at …`. */
export function runSummary(verb: RemoteVerb, resource: string, run: RunReport, mask: Mask): Summary {
    const text = `DRBD: ${verbTitle(verb)} ${resource}: ${run.hosts.map((h) => hostSummary(h, mask)).join('; ')}`;
    return { severity: run.ok ? 'info' : run.cancelled ? 'warning' : 'error', text };
}
