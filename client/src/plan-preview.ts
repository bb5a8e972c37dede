/**
 * The read-only plan preview (markdown text): per host the commands, the kernel request each
 * becomes and the config line that caused it (as a link), then the preflight results. Secret
 * values are masked unless `reveal` is set.
 */
import type { UpPlanResult } from '../../common/src/protocol.js';
import type { PreflightReport, RemoteVerb } from '../../common/src/remote/preflight.js';
import { maskText, secretsOf } from '../../common/src/remote/secrets.js';
import { hostLabel, planSize, preflightLines, verbTitle } from './report-text.js';

/** `pending` with `outdated`: a preflight ran, but for the plan before the configuration changed. */
export type PreflightState = { kind: 'pending'; outdated?: boolean } | { kind: 'running' } | { kind: 'done'; report: PreflightReport };

export interface PreviewInput {
    verb: RemoteVerb;
    resource: string;
    plan: UpPlanResult;
    destination: (host: string) => string;
    preflight: PreflightState;
    reveal: boolean;
}

/** A span of the preview (0-based line, character range) that opens a config location. */
export interface PreviewLink {
    line: number;
    start: number;
    end: number;
    target: NonNullable<UpPlanResult['hosts'][number]['steps'][number]['location']>;
}

export interface Preview {
    text: string;
    links: PreviewLink[];
}

export function renderPreview(input: PreviewInput): Preview {
    const { plan, reveal } = input;
    const secrets = secretValues(plan);
    const mask = (s: string) => (reveal ? s : maskText(s, secrets));
    const lines: string[] = [];
    const links: PreviewLink[] = [];
    const title = `DRBD: ${verbTitle(input.verb)} ${input.resource}`;
    lines.push(`# ${title} — plan (read-only)`, '', `Configuration: ${plan.mainFile}, checked as drbd-utils ${plan.release}`);
    if (input.preflight.kind !== 'done' && plan.hosts.length > 0)
        lines.push(`Each host is planned as ${plan.release} until the preflight reads its own drbdadm's release, then again as that release.`);
    if (secrets.length > 0)
        lines.push(reveal ? 'Secrets are shown. Close this preview when done.' : 'Secrets are masked (********); "DRBD: Reveal Secrets in Plan" in the title bar shows them.');
    lines.push('');

    if (plan.configErrors.length > 0) {
        lines.push('## Configuration errors — nothing can run', '');
        for (const e of plan.configErrors) lines.push(...bullet(mask(e)));
        lines.push('');
    } else if (plan.hosts.length === 0) lines.push(`No host has an \`on\` section in ${input.resource}: there is nothing to run.`, '');

    for (const host of plan.hosts) {
        lines.push(`## ${hostLabel({ host: host.host, destination: input.destination(host.host) })} — ${planSize(host)}`, '');
        if (host.exitCode !== 0) lines.push(`drbdadm would refuse here (exit ${host.exitCode}):`);
        for (const l of host.stderr.split('\n').filter(Boolean)) lines.push(`    ${mask(l)}`);
        if (host.exitCode !== 0 || host.stderr) lines.push('');
        host.steps.forEach((step, i) => {
            lines.push(`${i + 1}. \`${mask(step.command)}\``);
            if (step.kernel) lines.push(`   kernel: ${step.kernel.request} (${step.kernel.attrs.join(', ')}) — ${step.kernel.doc}`);
            else if (step.argv[0] === 'drbdmeta') lines.push('   on disk: drbdmeta works on the meta-data of the backing device, not through the kernel module');
            if (step.location) {
                const start = lines.length;
                const where = `${basename(step.location.uri)}:${step.location.range.start.line + 1}`;
                lines.push(`   from: ${where} (${step.stage})`);
                links.push({ line: start, start: 9, end: 9 + where.length, target: step.location });
            }
        });
        lines.push('');
    }

    lines.push('## Preflight', '');
    switch (input.preflight.kind) {
        case 'pending':
            lines.push(input.preflight.outdated ? 'Not run for this plan: the configuration changed after the last preflight.' : 'Not run yet.');
            break;
        case 'running':
            lines.push('Checking every host (ssh, drbdadm, hostname, same commands as this plan)…');
            break;
        case 'done':
            for (const l of preflightLines(input.preflight.report, mask)) lines.push(l.startsWith(' ') ? `    ${l}` : `- ${l}`);
            lines.push('', input.preflight.report.ok ? 'All hosts passed.' : 'Nothing was run: fix the problems above first.');
    }
    return { text: lines.join('\n') + '\n', links };
}

/** One list item per message: drbdadm's continuation lines ("\tbut got 'disk'") stay in it, indented. */
function bullet(message: string): string[] {
    const [first, ...rest] = message.split('\n').map((l) => l.trim()).filter(Boolean);
    return [`- ${first ?? ''}`, ...rest.map((l) => `  ${l}`)];
}

/** The secret values in a plan (for masking what hosts print about it). */
export function secretValues(plan: UpPlanResult): string[] {
    return secretsOf(plan.hosts.flatMap((h) => h.steps.map((s) => s.argv)));
}

function basename(uri: string): string {
    const path = decodeURIComponent(uri.replace(/^[a-z]+:\/\/[^/]*/, ''));
    return path.slice(path.lastIndexOf('/') + 1);
}
