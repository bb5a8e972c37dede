/**
 * The generic-netlink request each drbdsetup step becomes (drbd-utils user/v9/drbdsetup.c command
 * table): the DRBD_ADM_* command, its attributes (the object addressed in DRBD_NLA_CFG_CONTEXT,
 * the arguments and options in the command's payload), and what the kernel module does with it.
 * drbdmeta steps talk to the meta-data on disk, not to the kernel: they have none.
 */
import type { PlanStep } from './plan.js';

export interface KernelRequest {
    request: string;
    attrs: string[];
    doc: string;
}

const CTX = 'DRBD_NLA_CFG_CONTEXT';

/** drbdsetup command, DRBD_ADM_* request, payload attributes, what the kernel does. */
const TABLE: [string, string, string[], string][] = [
    ['new-resource', 'DRBD_ADM_NEW_RESOURCE', [CTX, 'DRBD_NLA_RESOURCE_OPTS'],
        'Creates the resource object with this node-id and its resource options (quorum, auto-promote, ...).'],
    ['new-minor', 'DRBD_ADM_NEW_MINOR', [CTX, 'DRBD_NLA_DEVICE_CONF'],
        'Creates the block device /dev/drbdMINOR as volume VNR of the resource, not yet backed by a disk.'],
    ['new-peer', 'DRBD_ADM_NEW_PEER', [CTX, 'DRBD_NLA_NET_CONF'],
        'Creates the connection object for the peer node-id with its net options; nothing is sent yet.'],
    ['new-path', 'DRBD_ADM_NEW_PATH', [CTX, 'DRBD_NLA_PATH_PARMS'],
        'Adds a local/remote address pair the connection may use; the transport listens on the local one.'],
    ['peer-device-options', 'DRBD_ADM_CHG_PEER_DEVICE_OPTS', [CTX, 'DRBD_NLA_PEER_DEVICE_OPTS'],
        'Sets the per-peer volume options (resync rate controller, bitmap) of this volume towards that peer.'],
    ['attach', 'DRBD_ADM_ATTACH', ['DRBD_NLA_DISK_CONF'],
        'Opens the backing disk and meta-data of the minor (given in the request header), reads the meta-data and attaches the disk.'],
    ['connect', 'DRBD_ADM_CONNECT', [CTX, 'DRBD_NLA_CONNECT_PARMS'],
        'Starts connecting: the connection leaves StandAlone and tries its paths until the peer answers.'],
    ['down', 'DRBD_ADM_DOWN', [CTX],
        'Demotes, disconnects all peers, detaches all disks and deletes the minors and the resource.'],
];

const REQUESTS = new Map(TABLE.map(([cmd, request, attrs, doc]) => [cmd, { request, attrs, doc }]));

export function kernelRequest(step: PlanStep): KernelRequest | undefined {
    return step.argv[0] === 'drbdsetup' ? REQUESTS.get(step.argv[1]) : undefined;
}
