/**
 * `drbdconf up|down --host H --dry-run RES|all`: what `drbdadm -d up|down` prints on a machine
 * named H that has none of the config's addresses (so `floating` sections match only by
 * drbdadm's name rule), with drbdadm's messages on stderr and its exit status.
 */
import { analyzeConfig, type Analysis } from '../reader/analyze.js';
import { planDown } from '../drbd/up/down.js';
import { renderDryRunBytes } from '../drbd/up/dry-run-render.js';
import { planUp } from '../drbd/up/plan-up.js';
import { E_CONFIG_INVALID, E_USAGE } from '../drbd/up/select.js';
import type { ReleaseVersion } from '../drbd/release.js';
import type { ConfigInput } from './config-input.js';
import { drbdadmMessages } from './drbdadm-messages.js';

export interface Sink {
    write(chunk: string | Uint8Array): unknown;
}

/** drbdadm's messages as it prints them; our own hints (severity info) are for the editor. */
function printDiagnostics(err: Sink, analysis: Analysis, mainShownAs: string | undefined): void {
    for (const m of drbdadmMessages(analysis, mainShownAs)) err.write(m.bare ? `${m.message}\n` : `${m.file}:${m.line}: ${m.message}\n`);
}

/**
 * A name a machine can have: what hostname(1) accepts (letters, digits, inner dots and dashes,
 * no empty label, no label ending in a dash), at most 64 bytes.
 */
export function isValidHostname(host: string): boolean {
    return host.length <= 64 && /^[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*(?:\.[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*)*$/.test(host);
}

export function dryRunCommand(verb: 'up' | 'down', input: ConfigInput, host: string, selection: string[] | 'all', release: ReleaseVersion, out: Sink, err: Sink): number {
    if (!isValidHostname(host)) {
        err.write(`drbdconf: '${host}' is not a valid host name\n`);
        return E_USAGE;
    }
    const analysis = analyzeConfig(input.mainFile, { hostname: host, mode: 'command', release }, input.source);
    printDiagnostics(err, analysis, input.shownAs);
    // drbdadm stops after parsing when that found errors.
    if (!analysis.postParsed || analysis.parseDiagnostics.some((d) => d.severity === 'error')) {
        return analysis.exitCode || E_CONFIG_INVALID;
    }
    // It exits at once on BAD LUCK; an empty config is refused before validation.
    if (analysis.exitCode !== 0 && analysis.exitCode !== E_CONFIG_INVALID) return analysis.exitCode;
    if (analysis.config.resources.length === 0) {
        err.write('no resources defined!\n');
        return E_USAGE;
    }
    if (analysis.exitCode) return analysis.exitCode;
    const plan = (verb === 'up' ? planUp : planDown)(analysis.config, host, selection);
    out.write(renderDryRunBytes(plan));
    err.write(plan.stderr);
    return plan.exitCode;
}
