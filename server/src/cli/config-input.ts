import { accessSync, constants, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigSource } from '../reader/build/build-config.js';
import { directDiskSource, MAX_CONFIG_BYTES, parseDrbdTextDirectly, readConfigFile } from '../reader/load-config.js';

/** drbdadm's default config: the first readable of these. */
const DEFAULT_CONFIGS = ['/etc/drbd-90.conf', '/etc/drbd-84.conf', '/etc/drbd-83.conf', '/etc/drbd-82.conf', '/etc/drbd-08.conf', '/etc/drbd.conf'];

export class UsageError extends Error {}

/** The main config file and where its files come from; refuses what drbdadm cannot read. */
export interface ConfigInput {
    mainFile: string;
    source: ConfigSource;
    /** The main file's path as drbdadm prints it: as given with -c (`STDIN` for `-`); mainFile when absent. */
    shownAs?: string;
}

export function openConfig(path: string | undefined, cwd: string): ConfigInput {
    if (path === '-') {
        // drbdadm reads stdin under the name STDIN; includes are relative to the working directory.
        const mainFile = resolve(cwd, 'STDIN');
        const text = readFileSync(0).toString('utf8');
        checkText(text, '-');
        return { mainFile, shownAs: 'STDIN', source: { read: (p) => (p === mainFile ? parseDrbdTextDirectly(text, p) : directDiskSource.read(p)) } };
    }
    const chosen = path ?? DEFAULT_CONFIGS.find(readable);
    if (!chosen) {
        throw new UsageError(`no config file given and none of ${DEFAULT_CONFIGS.join(', ')} is readable`);
    }
    const mainFile = resolve(cwd, chosen);
    const text = readConfigFile(mainFile);
    if (typeof text !== 'string') {
        throw new UsageError(`${chosen}: ${text.error}`);
    }
    checkText(text, chosen);
    return { mainFile, shownAs: chosen, source: { read: (p) => (p === mainFile ? parseDrbdTextDirectly(text, p) : directDiskSource.read(p)) } };
}

function checkText(text: string, name: string): void {
    if (text.length > MAX_CONFIG_BYTES) {
        throw new UsageError(`${name}: too large (${text.length} bytes; at most ${MAX_CONFIG_BYTES})`);
    }
    if (text.slice(0, 8192).includes('\0')) {
        throw new UsageError(`${name}: binary file (contains NUL bytes), not a DRBD configuration`);
    }
}

function readable(path: string): boolean {
    try {
        accessSync(path, constants.R_OK);
        return true;
    } catch {
        return false;
    }
}
