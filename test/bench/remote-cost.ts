/**
 * What one run on the simulated hosts costs besides wall time: ssh connections and sessions per
 * host (counted in each host's sshd log), and CPU time — here (this process and the ssh clients
 * it waited for; a backgrounded ControlMaster is not among them) and on the hosts (each sshd with
 * everything its sessions ran: drbdadm, the stand-ins).
 */
import { readFileSync } from 'node:fs';
import type { Rig } from '../harness/rig.js';

export interface RemoteCost {
    /** Per host (the most of any host). */
    connections: number;
    sessions: number;
    /** ms of CPU, summed. */
    localCpuMs: number;
    hostCpuMs: number;
}

const TICK_MS = 10;

/** utime + stime + cutime + cstime of a process, in ms (USER_HZ 100). */
function cpuOf(pid: number | 'self'): number {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
}


/** Each host's sshd has reaped its sessions (then their CPU is in its count); at most 2 s. */
async function settled(rig: Rig, hosts: string[]): Promise<void> {
    const busy = () => hosts.some((h) => readFileSync(`/proc/${rig.hosts[h].pid}/task/${rig.hosts[h].pid}/children`, 'utf8').trim() !== '');
    for (let t = 0; t < 100 && busy(); t++) await new Promise((r) => setTimeout(r, 20));
}

/** Starts counting on `hosts`; the returned function gives the cost since, once the hosts are done. */
export function meterCost(rig: Rig, hosts: string[]): () => Promise<RemoteCost> {
    const snapshot = () => ({
        connections: hosts.map((h) => rig.logins(h).connections),
        sessions: hosts.map((h) => rig.logins(h).sessions),
        local: cpuOf('self'),
        host: hosts.reduce((sum, h) => sum + cpuOf(rig.hosts[h].pid), 0),
    });
    const start = snapshot();
    return async () => {
        await settled(rig, hosts);
        const end = snapshot();
        return {
            connections: Math.max(...hosts.map((_, i) => end.connections[i] - start.connections[i])),
            sessions: Math.max(...hosts.map((_, i) => end.sessions[i] - start.sessions[i])),
            localCpuMs: end.local - start.local,
            hostCpuMs: end.host - start.host,
        };
    };
}

export const medianCost = (xs: RemoteCost[]): RemoteCost => {
    const m = (f: (c: RemoteCost) => number) => [...xs.map(f)].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { connections: m((c) => c.connections), sessions: m((c) => c.sessions), localCpuMs: m((c) => c.localCpuMs), hostCpuMs: m((c) => c.hostCpuMs) };
};

export const formatCost = (c: RemoteCost) =>
    `${c.connections} ssh connection${c.connections === 1 ? '' : 's'} and ${c.sessions} session${c.sessions === 1 ? '' : 's'} per host; CPU ${c.localCpuMs} ms here, ${c.hostCpuMs} ms on the hosts`;
