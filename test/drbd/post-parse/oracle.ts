/** drbdadm's `dump all` verdict and node-ids, for the post-parse differential tests. */
import { drbdadmAs, INSTALLED_RELEASE, NO_SECTION_HOST, type DrbdadmResult, type OracleRelease } from '../../oracle.js';

/** No `on` section matches this host name. */
export const HOST = NO_SECTION_HOST;

export type Oracle = DrbdadmResult;

/** `oracle`'s `drbdadm -c FILE dump all` as a host no section matches. */
export function drbdadm(file: string, oracle: OracleRelease = INSTALLED_RELEASE): Promise<Oracle> {
    return drbdadmAs(HOST, ['-c', file, 'dump', 'all'], undefined, oracle);
}

/** node-ids as `dump all` prints them: `on NAME [NAME...] {` then `node-id N;`, keyed by the names as printed. */
export function dumpedNodeIds(text: string): Record<string, Record<string, number>> {
    const ids: Record<string, Record<string, number>> = {};
    let res = '';
    let host = '';
    for (const line of text.split('\n')) {
        let m: RegExpExecArray | null;
        if ((m = /^resource\s+"?([^\s"{]+)"?\s*\{/.exec(line))) res = m[1];
        else if ((m = /^\s{4}on\s+(.+?)\s*\{$/.exec(line))) host = m[1];
        else if ((m = /^\s{8}node-id\s+(\d+);/.exec(line)) && host) (ids[res] ??= {})[host] = Number(m[1]);
        if (/^\s{4}\}/.test(line)) host = '';
    }
    return ids;
}

