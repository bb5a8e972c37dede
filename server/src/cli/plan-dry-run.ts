/**
 * `drbdconf up|down --host H --dry-run RES|all`: what `drbdadm -d up|down` prints on a machine
 * named H that has none of the config's addresses (so `floating` sections match only by
 * drbdadm's name rule), with drbdadm's messages on stderr and its exit status.
 */
import { loadConfig } from '../drbd/load-config.js';
import type { Diagnostic } from '../drbd/model.js';
import { postParse } from '../drbd/post-parse/index.js';
import { planDown } from '../drbd/up/down.js';
import { renderDryRunBytes } from '../drbd/up/dry-run-render.js';
import { planUp } from '../drbd/up/plan-up.js';
import { E_CONFIG_INVALID, E_USAGE } from '../drbd/up/select.js';

export interface Sink {
    write(chunk: string | Uint8Array): unknown;
}

/** drbdadm's messages; our own hints (severity info) are for the editor. */
function printDiagnostics(err: Sink, diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics)
        if (!d.drbdadmEcho && d.severity !== 'info') err.write(`${d.loc.file}:${d.loc.line}: ${d.message}\n`);
}

/**
 * A name a machine can have: what hostname(1) accepts (letters, digits, inner dots and dashes,
 * no empty label, no label ending in a dash), at most 64 bytes.
 */
export function isValidHostname(host: string): boolean {
    return host.length <= 64 && /^[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*(?:\.[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*)*$/.test(host);
}

export function dryRunCommand(verb: 'up' | 'down', mainFile: string, host: string, selection: string[] | 'all', out: Sink, err: Sink): number {
    if (!isValidHostname(host)) {
        err.write(`drbdconf: '${host}' is not a valid host name\n`);
        return E_USAGE;
    }
    // drbdadm takes the module version from this variable when set; otherwise a machine without
    // a loaded module cannot satisfy require-drbd-module-version-* statements.
    const kernelVersion = process.env.DRBD_DRIVER_VERSION_OVERRIDE || undefined;
    const loaded = loadConfig(mainFile, { hostname: host, kernelVersion });
    printDiagnostics(err, loaded.diagnostics);
    if (loaded.diagnostics.some((d) => d.code === 'module-version/unknown')) {
        err.write('Could not get drbd-module-version, Module not loaded?\n');
        return E_CONFIG_INVALID;
    }
    if (loaded.fatal) return loaded.exitCode;
    if (loaded.diagnostics.some((d) => d.severity === 'error')) return E_CONFIG_INVALID;
    const pp = postParse(loaded.config, { hostname: host, mode: 'command' });
    printDiagnostics(err, pp.diagnostics);
    // drbdadm exits at once on BAD LUCK; an empty config is refused before validation.
    if (pp.exitCode !== 0 && pp.exitCode !== E_CONFIG_INVALID) return pp.exitCode;
    if (loaded.config.resources.length === 0) {
        err.write('no resources defined!\n');
        return E_USAGE;
    }
    if (pp.exitCode) return pp.exitCode;
    const plan = (verb === 'up' ? planUp : planDown)(loaded.config, host, selection);
    out.write(renderDryRunBytes(plan));
    err.write(plan.stderr);
    return plan.exitCode;
}
