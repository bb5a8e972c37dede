/**
 * `drbdconf node-ids -c FILE`: the node-ids `drbdadm -c FILE dump all` shows, as JSON
 * `{"RES": {"HOST": ID}}`. An invalid config gives drbdadm's exit code and the diagnostics on stderr.
 */
import { hostname as osHostname } from 'node:os';
import { resolve } from 'node:path';
import { loadConfig, readConfigFile } from '../drbd/load-config.js';
import type { Diagnostic } from '../drbd/model.js';
import { computeNodeIds, postParse } from '../drbd/post-parse/index.js';

export interface Writable {
    write(text: string): unknown;
}

function print(err: Writable, diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics)
        if (!d.drbdadmEcho) err.write(`${d.loc.file}:${d.loc.line}: ${d.severity}: ${d.message}\n`);
}

export function nodeIdsCommand(mainFile: string, out: Writable, err: Writable, hostname = osHostname()): number {
    const file = resolve(mainFile);
    const loaded = loadConfig(file, { hostname });
    print(err, loaded.diagnostics);
    if (loaded.fatal) return loaded.exitCode;
    if (loaded.diagnostics.some((d) => d.severity === 'error')) return 10;
    const { config } = loaded;
    if (config.mainEndLine === undefined) {
        const text = readConfigFile(file);
        if (typeof text === 'string') config.mainEndLine = 1 + (text.match(/\n/g)?.length ?? 0);
    }
    const result = postParse(config, { hostname, uniq: loaded.uniq });
    print(err, result.diagnostics);
    if (result.exitCode !== 0) return result.exitCode;
    out.write(`${JSON.stringify(computeNodeIds(config))}\n`);
    return 0;
}
