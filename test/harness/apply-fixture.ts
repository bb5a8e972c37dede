/**
 * The resource the Apply tests change, and its kernel state when running: `r0` on `hosts` (node-ids
 * in that order) at the simulated hosts' addresses, with extra `net { }` options.
 */
import { showText } from './kernel-show.js';

export function r0Text(address: (host: string) => string, hosts: string[], net = ''): string {
    return `resource r0 {
  device minor 1; disk /dev/sdb1; meta-disk internal;
  net { protocol C; ${net}}
${hosts.map((h, i) => `  on ${h} { address ${address(h)}:7788; node-id ${i}; }`).join('\n')}
${hosts.length > 2 ? `  connection-mesh { hosts ${hosts.join(' ')}; }\n` : ''}}
`;
}

/** r0Text(hosts) running on `host` as the stand-in's `drbdsetup show`/`status` answer it (rig.setKernel). */
export function runningR0(address: (host: string) => string, host: string, hosts: string[], net: string[] = ['protocol\t\t\tC;']): { show: string; status: string } {
    return {
        show: showText({
            name: 'r0', nodeId: hosts.indexOf(host), minor: 1, disk: '/dev/sdb1', address: `${address(host)}:7788`, net,
            peers: hosts.filter((h) => h !== host).map((h) => ({ name: h, nodeId: hosts.indexOf(h), address: `${address(h)}:7788` })),
        }),
        status: `r0 role:Secondary\n  disk:UpToDate\n`,
    };
}
