/** What went wrong when ssh itself failed (exit 255), read from OpenSSH's own messages. */
export type SshFailure =
    | 'changed-host-key'
    | 'unknown-host-key'
    | 'auth-failed'
    | 'timeout'
    | 'refused'
    | 'no-route'
    | 'unknown-host'
    | 'ssh-error';

// Order matters: a changed key also ends with "Host key verification failed.".
const PATTERNS: [SshFailure, RegExp][] = [
    ['changed-host-key', /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/],
    ['unknown-host-key', /No \S+ host key is known for|Host key verification failed/],
    ['auth-failed', /Permission denied \(|Too many authentication failures/],
    ['timeout', /timed out|Connection timed out/i],
    ['refused', /Connection refused/],
    ['no-route', /No route to host|Network is unreachable/],
    ['unknown-host', /Could not resolve hostname|Name or service not known|nodename nor servname/],
];

export function classifySshFailure(stderr: string): SshFailure {
    return PATTERNS.find(([, re]) => re.test(stderr))?.[0] ?? 'ssh-error';
}

/** One sentence for the user; OpenSSH's own text goes along as detail. */
export function describeSshFailure(kind: SshFailure, destination: string): string {
    switch (kind) {
        case 'changed-host-key':
            return `the host key of ${destination} has CHANGED since it was recorded in known_hosts; nothing was run (check with the host's administrator before updating known_hosts)`;
        case 'unknown-host-key':
            return `the host key of ${destination} is not known; connect once with ssh in a terminal and verify its fingerprint (keys are never accepted automatically)`;
        case 'auth-failed':
            return `ssh authentication to ${destination} failed (key not accepted; agent or IdentityFile?)`;
        case 'timeout':
            return `connecting to ${destination} timed out`;
        case 'refused':
            return `${destination} refused the ssh connection (is sshd running on that port?)`;
        case 'no-route':
            return `${destination} is unreachable (no route to host)`;
        case 'unknown-host':
            return `${destination} cannot be resolved (add it to drbd.hosts or your ssh config)`;
        case 'ssh-error':
            return `ssh to ${destination} failed`;
    }
}
