/**
 * drbdadm's rule for "is this `on` name this host" (spec §4.1): when both names contain a dot they
 * must be equal ignoring case; otherwise only the parts before the first dot are compared, ignoring case.
 */
export function hostnameMatches(onName: string, nodename: string): boolean {
    const a = onName.toLowerCase();
    const b = nodename.toLowerCase();
    if (a.includes('.') && b.includes('.')) return a === b;
    return a.split('.')[0] === b.split('.')[0];
}
