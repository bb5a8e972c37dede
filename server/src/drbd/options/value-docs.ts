/**
 * What each value of an enum option means, in our words (completion shows it). xml-help lists
 * the values only; the behaviour is DRBD's (drbdsetup-options.xml describes it at length).
 */

const SPLIT_BRAIN_DISCONNECT = 'No automatic recovery: the nodes disconnect and wait for you.';
const VIOLENTLY = "Always follow after-sb-0pri's decision, even when it throws away the primary's data under its running applications (dangerous).";
const IO_ERROR_OR_SUSPEND = {
    'io-error': 'Fail the I/O with an error to the application.',
    'suspend-io': 'Freeze the I/O until the situation is resolved (data or quorum come back, or you intervene).',
};
const QUORUM = {
    off: 'No quorum: a node accepts writes whatever it can reach.',
    majority: 'More than half of the nodes must be reachable.',
    all: 'Every node must be reachable.',
};
const striping = (size: string) => `Alternate between the nodes in ${size} chunks of the device.`;

export const VALUE_DOCS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    protocol: {
        A: 'Asynchronous: a write is complete once it is on the local disk and handed to the network. Fastest; a failover can lose the last writes.',
        B: 'Memory-synchronous: a write is complete once it is on the local disk and has arrived in the peer\'s memory. Data are lost only if both nodes fail at once.',
        C: 'Synchronous: a write is complete only when it is on the local disk and on the peer\'s disk. No data loss when one node fails; the usual choice.',
    },
    'after-sb-0pri': {
        disconnect: SPLIT_BRAIN_DISCONNECT,
        'discard-younger-primary': 'Throw away the changes of the node that became primary last.',
        'discard-older-primary': 'Throw away the changes of the node that became primary first.',
        'discard-zero-changes': 'If only one node changed data, keep its changes; if both did, disconnect.',
        'discard-least-changes': 'Throw away the changes of the node that changed fewer blocks.',
        'discard-local': "Throw away this node's changes.",
        'discard-remote': "Throw away the peer's changes.",
    },
    'after-sb-1pri': {
        disconnect: SPLIT_BRAIN_DISCONNECT,
        consensus: "Throw away the secondary's changes if after-sb-0pri would; otherwise disconnect.",
        'discard-secondary': "Throw away the secondary's changes.",
        'call-pri-lost-after-sb': "Follow after-sb-0pri's decision; if it throws away the primary's changes, call the pri-lost-after-sb handler there.",
        'violently-as0p': VIOLENTLY,
    },
    'after-sb-2pri': {
        disconnect: SPLIT_BRAIN_DISCONNECT,
        'call-pri-lost-after-sb': "Follow after-sb-0pri's decision and call the pri-lost-after-sb handler on the primary whose changes are thrown away.",
        'violently-as0p': VIOLENTLY,
    },
    fencing: {
        'dont-care': 'No fencing.',
        'resource-only': "A primary that loses its peer calls the fence-peer handler to mark the peer's data outdated.",
        'resource-and-stonith': 'As resource-only, and I/O is frozen until the fence-peer handler has finished (for setups with STONITH).',
    },
    'on-congestion': {
        block: 'Wait until the network can take more: writes slow down to the link\'s speed.',
        'pull-ahead': 'Stop replicating for a while: the changed blocks are noted and resynchronized when the link has room.',
        disconnect: 'Disconnect from the peer.',
    },
    'rr-conflict': {
        disconnect: 'Refuse the resync and disconnect.',
        'call-pri-lost': 'Call the pri-lost handler on the primary that would be overwritten.',
        violently: "Resync onto the primary anyway: its data change under its running applications (dangerous).",
        'retry-connect': 'Disconnect and try to connect again.',
        'auto-discard': 'With protocol A, after a primary crashed: resync from the current primary, rolling back the last writes of the crashed one.',
    },
    'on-io-error': {
        pass_on: 'Report the error upwards: to the file system on a primary, ignored on a secondary.',
        'call-local-io-error': 'Call the local-io-error handler.',
        detach: 'Detach from the failing disk and go on diskless, reading and writing through the peer.',
    },
    'read-balancing': {
        'prefer-local': 'Read from the local disk when it is up to date.',
        'prefer-remote': 'Read from a peer when it is up to date.',
        'round-robin': 'Alternate reads between the local disk and the peers.',
        'least-pending': 'Read where fewer requests are pending.',
        'when-congested-remote': 'Read from a peer when the local disk is congested (no effect since Linux 5.18).',
        '32K-striping': striping('32 KiB'),
        '64K-striping': striping('64 KiB'),
        '128K-striping': striping('128 KiB'),
        '256K-striping': striping('256 KiB'),
        '512K-striping': striping('512 KiB'),
        '1M-striping': striping('1 MiB'),
    },
    'on-no-data-accessible': IO_ERROR_OR_SUSPEND,
    'on-no-quorum': IO_ERROR_OR_SUSPEND,
    'on-suspended-primary-outdated': {
        disconnect: 'Refuse connections and stay on its own.',
        'force-secondary': 'Demote at once and fail all pending and new I/O.',
    },
    quorum: QUORUM,
    'quorum-minimum-redundancy': {
        off: 'No minimum of up-to-date nodes.',
        majority: 'More than half of the nodes must have up-to-date data.',
        all: 'Every node must have up-to-date data.',
    },
    // drbdadm's own words, not drbdsetup options
    'usage-count': {
        yes: 'Tell LINBIT (usage.drbd.org) that this DRBD version is in use.',
        no: 'Do not take part in the usage count.',
        ask: 'Ask on each new DRBD version whether to take part.',
    },
    'meta-disk': {
        internal: 'Keep the meta-data at the end of the backing disk itself.',
    },
};

/** What `value` of option (or statement) `name` means, when we say it. */
export function valueDoc(name: string, value: string): string | undefined {
    return VALUE_DOCS[name]?.[value];
}
