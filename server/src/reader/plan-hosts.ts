import { analyzeConfig, type Analysis } from './analyze.js';
import type { ConfigSource } from './build/build-config.js';
import type { Resource } from '../drbd/model.js';
import type { ReleaseVersion } from '../drbd/release.js';
import { planDown } from '../drbd/up/down.js';
import type { HostPlan } from '../drbd/up/plan.js';
import { planUp } from '../drbd/up/plan-up.js';
import { E_CONFIG_INVALID, E_USAGE } from '../drbd/up/select.js';

/**
 * A refusal lists drbdadm's messages one by one (`messages`, each whole: some span lines, e.g.
 * "Parse error: ';' expected,\n\tbut got 'disk'") and as drbdadm prints them (`message`).
 */
export type HostPlans =
    | { overview: Analysis; plans: HostPlan[] }
    | { overview: Analysis; exitCode: number; messages: string[]; message: string };

/**
 * What `drbdadm up|down` would run on every host of the selected resources: each host planned as
 * drbdadm plans it when running there (post-parse depends on which section is "this host"),
 * or why nothing can run (drbdadm's refusal of the configuration). The configuration is checked as
 * `release` reads it; each host is planned as its own release (`hostRelease`, e.g. from the
 * host's `drbdadm --version`) runs it.
 */
export function planHosts(
    verb: 'up' | 'down', mainFile: string, source: ConfigSource, selection: string[] | 'all',
    release: ReleaseVersion, hostRelease: (host: string) => ReleaseVersion = () => release, onlyHost?: string,
): HostPlans {
    const overview = analyzeConfig(mainFile, { release }, source);
    const errors = overview.diagnostics.filter((d) => d.severity === 'error' && !d.drbdadmEcho);
    if (errors.length > 0) {
        return refusal(overview, overview.exitCode || E_CONFIG_INVALID, errors.map((d) => `${d.loc.file}:${d.loc.line}: ${d.message}`));
    }
    const all = overview.config.resources;
    if (all.length === 0) return refusal(overview, E_USAGE, ['no resources defined!']);
    const unknown = selection === 'all' ? [] : selection.filter((name) => !all.some((r) => r.name === name));
    if (unknown.length > 0) return refusal(overview, E_CONFIG_INVALID, unknown.map((n) => `'${n}' not defined in your config.`));
    const chosen = all.filter((r) => selection === 'all' || selection.includes(r.name));
    const hosts = onlyHost ? [onlyHost] : hostsOf(chosen);
    if (hosts.length === 0) return refusal(overview, E_USAGE, [`no host has an 'on' section in ${chosen.map((r) => r.name).join(', ')}: nothing to run`]);
    const plan = verb === 'up' ? planUp : planDown;
    return { overview, plans: hosts.map((host) => plan(analyzeConfig(mainFile, { hostname: host, mode: 'command', release: hostRelease(host) }, source).config, host, selection)) };
}

function refusal(overview: Analysis, exitCode: number, messages: string[]): HostPlans {
    return { overview, exitCode, messages, message: messages.map((m) => `${m}\n`).join('') };
}

/** The hosts that take part in these resources: the first name of each `on` section. */
export function hostsOf(resources: readonly Resource[]): string[] {
    return [...new Set(resources.flatMap((r) => r.allHosts.flatMap((h) => (h.kind === 'on' && h.onHosts[0] ? [h.onHosts[0]] : []))))];
}
