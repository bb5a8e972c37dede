import { basename, dirname, extname } from 'node:path';

/**
 * Which files of a workspace are DRBD configuration: the names drbdadm and distributions use
 * (drbd.conf, global_common.conf, *.res, anything in a drbd.d directory). Other `.conf` files
 * (nginx.conf...) are not ours.
 */
export function isDrbdConfigPath(path: string): boolean {
    const name = basename(path);
    return name === 'drbd.conf' || name === 'global_common.conf' || extname(name) === '.res' || basename(dirname(path)) === 'drbd.d';
}
