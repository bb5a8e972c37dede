import { expect, test } from 'vitest';
import { classifySshFailure } from '../../common/src/remote/ssh-errors.js';

// OpenSSH 9.2's messages for failures the simulated hosts cannot produce quickly (run.test.ts
// covers refused, unknown and changed host keys and authentication with the real ssh).
test.each([
    ['ssh: connect to host 10.11.56.254 port 22: No route to host', 'no-route'],
    ['ssh: connect to host 10.11.56.254 port 22: Network is unreachable', 'no-route'],
    ['ssh: connect to host 10.11.56.254 port 22: Connection timed out', 'timeout'],
    ['Connection timed out during banner exchange\nConnection to 10.11.56.2 port 22 timed out', 'timeout'],
    ['ssh: Could not resolve hostname nope: Name or service not known', 'unknown-host'],
    ['kex_exchange_identification: read: Connection reset by peer', 'ssh-error'],
])('%j → %s', (stderr, kind) => {
    expect(classifySshFailure(stderr)).toBe(kind);
});
