import { readFileSync } from 'node:fs';
import { analyzeConfig } from '../../../../server/src/reader/analyze.js';
import type { ConfigSource } from '../../../../server/src/reader/build/build-config.js';
import type { ReleaseVersion } from '../../../../server/src/drbd/release.js';
import { hostsOf } from '../../../../server/src/reader/plan-hosts.js';
import { E_CONFIG_INVALID, E_USAGE } from '../../../../server/src/drbd/up/select.js';
import { DEFAULT_REMOTE_CONFIG, mapFiles, type ApplyFile } from './files.js';
import type { ApplyTarget } from './preflight.js';

export type ApplyPlan = { files: ApplyFile[]; targets: ApplyTarget[] } | { exitCode: number; message: string };

/**
 * What Apply would touch: the configuration's files (read from disk: what goes to the hosts) and,
 * per host of the selected resources, the resources it adjusts; or why nothing goes further
 * (a configuration error for `release`, as planHosts refuses it).
 */
export function applyPlan(
    mainFile: string,
    source: ConfigSource,
    selection: string[] | 'all',
    release: ReleaseVersion,
    remoteConfig = DEFAULT_REMOTE_CONFIG,
    read: (path: string) => Buffer = (p) => readFileSync(p),
): ApplyPlan {
    const overview = analyzeConfig(mainFile, { release }, source);
    const errors = overview.diagnostics.filter((d) => d.severity === 'error' && !d.drbdadmEcho);
    if (errors.length > 0) return { exitCode: overview.exitCode || E_CONFIG_INVALID, message: errors.map((d) => `${d.loc.file}:${d.loc.line}: ${d.message}\n`).join('') };
    const all = overview.config.resources;
    const unknown = selection === 'all' ? [] : selection.filter((n) => !all.some((r) => r.name === n));
    if (unknown.length > 0) return { exitCode: E_CONFIG_INVALID, message: unknown.map((n) => `'${n}' not defined in your config.\n`).join('') };
    const chosen = all.filter((r) => selection === 'all' || selection.includes(r.name));
    if (chosen.length === 0) return { exitCode: E_USAGE, message: 'no resources defined!\n' };
    const targets: ApplyTarget[] = hostsOf(chosen).map((host) => ({ host, resources: chosen.filter((r) => hostsOf([r]).includes(host)).map((r) => r.name) }));
    if (targets.length === 0) return { exitCode: E_USAGE, message: `no host has an 'on' section in ${chosen.map((r) => r.name).join(', ')}: nothing to apply\n` };
    const mapped = mapFiles(overview.files, mainFile, read, remoteConfig);
    if ('problems' in mapped) return { exitCode: E_USAGE, message: mapped.problems.map((p) => `${p}\n`).join('') };
    return { files: mapped.files, targets };
}
