/**
 * drbdadm's hostnames_equal(): case-insensitive; when only one of the names is fully qualified,
 * only the parts before the first dot are compared (`on hw1.example.com` matches host `hw1`).
 */
export function hostnamesEqual(a: string, b: string): boolean {
    const aDot = a.indexOf('.');
    const bDot = b.indexOf('.');
    if (aDot >= 0 && bDot >= 0) {
        return a.toLowerCase() === b.toLowerCase();
    }
    const aShort = aDot >= 0 ? a.slice(0, aDot) : a;
    const bShort = bDot >= 0 ? b.slice(0, bDot) : b;
    return aShort.toLowerCase() === bShort.toLowerCase();
}

export function hostnameInList(hostname: string | undefined, names: readonly string[]): boolean {
    return hostname !== undefined && names.some((name) => hostnamesEqual(hostname, name));
}
