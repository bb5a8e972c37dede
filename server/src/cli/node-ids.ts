/**
 * `drbdconf node-ids -c FILE`: the node-ids `drbdadm -c FILE dump all` shows, as JSON
 * `{"RES": {"HOST": ID}}`. An invalid config gives drbdadm's exit code and the diagnostics on stderr.
 */
import { analyzeConfig } from '../reader/analyze.js';
import { computeNodeIds } from '../drbd/post-parse/index.js';
import type { ReleaseVersion } from '../drbd/release.js';
import type { ConfigInput } from './config-input.js';

export interface Writable {
    write(text: string): unknown;
}

export function nodeIdsCommand(input: ConfigInput, release: ReleaseVersion, out: Writable, err: Writable): number {
    const analysis = analyzeConfig(input.mainFile, { release }, input.source);
    for (const d of analysis.diagnostics) {
        if (!d.drbdadmEcho && d.severity !== 'info') err.write(`${d.loc.file}:${d.loc.line}: ${d.severity}: ${d.message}\n`);
    }
    if (analysis.exitCode !== 0) return analysis.exitCode;
    out.write(`${JSON.stringify(computeNodeIds(analysis.config))}\n`);
    return 0;
}
