/**
 * The setup of a user whose ~/.ssh/config shares connections (ControlMaster auto, ControlPersist)
 * and whose masters to the hosts are already open, e.g. from a terminal: then Up and Apply make no
 * connection, and so no key exchange, of their own (ssh.ts).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rig } from '../harness/rig.js';

export interface UserMasters {
    /** The user's ssh config: sharing for the hosts, then the rig's. */
    configFile: string;
    stop(): void;
}

export function openUserMasters(rig: Rig, hosts: string[]): UserMasters {
    const configFile = join(rig.dir, 'user_ssh_config');
    writeFileSync(configFile, `Host ${hosts.join(' ')}\n  ControlMaster auto\n  ControlPath ${join(rig.dir, 'user-cm-%C')}\n  ControlPersist 120\nInclude ${rig.sshConfig}\n`);
    const ssh = (...args: string[]) => spawnSync('ssh', ['-F', configFile, '-o', 'BatchMode=yes', '-T', ...args], { stdio: 'ignore', timeout: 20_000 });
    for (const h of hosts) if (ssh(h, 'true').status !== 0) throw new Error(`could not open the user's ControlMaster to ${h}`);
    return { configFile, stop: () => hosts.forEach((h) => ssh('-O', 'exit', h)) };
}
