import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, posix, relative, sep } from 'node:path';
import type { ConfigFile } from '../../../../server/src/reader/build/build-config.js';

/** drbdadm's default config on the hosts, where the local main file goes unless told otherwise. */
export const DEFAULT_REMOTE_CONFIG = '/etc/drbd.conf';

/** One file of the configuration and where it goes on every host. */
export interface ApplyFile {
    /** Local absolute path. */
    local: string;
    /** Path relative to the main file's directory ('drbd.conf' style for the main file itself: its base name on the host). */
    rel: string;
    /** Absolute path on the hosts. */
    remote: string;
    content: Buffer;
    sha256: string;
    /** The patterns of its `include` statements, as written: the host resolves them beside `remote`. */
    includes: string[];
}

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * The configuration's files (the main file and what it includes, nothing else) mapped to the
 * hosts: the main file to `remoteConfig`, each include to the same place relative to it, which is
 * where the hosts' drbdadm resolves the same relative include (build-config.ts include(): relative
 * to the including file's real directory). An include given as an absolute path, or reaching
 * outside the main file's directory, has no such place and is refused: the host's drbdadm would
 * read its own file there, not ours.
 */
export function mapFiles(
    files: readonly ConfigFile[],
    mainFile: string,
    read: (path: string) => Buffer,
    remoteConfig = DEFAULT_REMOTE_CONFIG,
): { files: ApplyFile[] } | { problems: string[] } {
    const problems: string[] = [];
    if (!posix.isAbsolute(remoteConfig) || posix.normalize(remoteConfig) !== remoteConfig || remoteConfig.endsWith('/'))
        problems.push(`the hosts' config path ${JSON.stringify(remoteConfig)} is not a normalized absolute file path`);
    const mainDir = dirname(realOr(mainFile));
    const remoteDir = posix.dirname(remoteConfig);
    const out: ApplyFile[] = [];
    for (const f of files) {
        let content: Buffer;
        try {
            content = read(f.path);
        } catch (e) {
            problems.push(`${f.path}: cannot be read: ${(e as Error).message}`);
            continue;
        }
        let remote = remoteConfig;
        let rel = posix.basename(remoteConfig);
        if (f.includedFrom) {
            const statement = statementText(read, f.includedFrom);
            rel = relative(mainDir, f.path).split(sep).join('/');
            if (/^include\s+"?\//.test(statement ?? '')) {
                problems.push(`${f.includedFrom.file}:${f.includedFrom.line}: include of an absolute path: the hosts would read their own ${f.path}, not this one (make the include relative to the main file)`);
                continue;
            }
            if (rel.startsWith('../') || rel === '..' || isAbsolute(rel)) {
                problems.push(`${f.includedFrom.file}:${f.includedFrom.line}: ${f.path} is outside the main file's directory ${mainDir}: it has no place on the hosts`);
                continue;
            }
            remote = posix.join(remoteDir, rel);
        }
        if (CONTROL.test(remote) || remote.length > 4095) {
            problems.push(`${f.path}: its path on the hosts ${JSON.stringify(remote)} contains control characters or is too long`);
            continue;
        }
        out.push({ local: f.path, rel, remote, content, sha256: sha256(content), includes: f.includes });
    }
    const seen = new Set<string>();
    for (const f of out) {
        if (seen.has(f.remote)) problems.push(`two files of the configuration go to ${f.remote}`);
        seen.add(f.remote);
    }
    return problems.length > 0 ? { problems } : { files: out };
}

/** The text of the include statement at `loc`, from the including file. */
function statementText(read: (path: string) => Buffer, loc: { file: string; startLine: number; startChar: number; endLine: number; endChar: number }): string | undefined {
    try {
        const lines = read(loc.file).toString('utf8').split('\n');
        if (loc.startLine === loc.endLine) return lines[loc.startLine]?.slice(loc.startChar, loc.endChar);
        return [lines[loc.startLine]?.slice(loc.startChar), ...lines.slice(loc.startLine + 1, loc.endLine), lines[loc.endLine]?.slice(0, loc.endChar)].join('\n');
    } catch {
        return undefined;
    }
}

function realOr(path: string): string {
    try {
        return realpathSync(path);
    } catch {
        return path;
    }
}
