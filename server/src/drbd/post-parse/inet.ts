/**
 * Address text to bytes the way glibc's inet_pton reads it, for the two numeric comparisons
 * drbdadm makes: loopback detection and "same address written differently" (`FD00:0::1` = `fd00::1`).
 */

/** Dotted quad, four decimal parts 0..255, no leading zeros. */
export function parseIpv4(s: string): number[] | undefined {
    // Scanned by hand: every endpoint of every resource is read here.
    const out: number[] = [];
    let i = 0;
    for (let part = 0; part < 4; part++) {
        if (part > 0) {
            if (s.charCodeAt(i) !== 0x2e) return undefined;
            i++;
        }
        const start = i;
        let n = 0;
        while (i < s.length && i - start < 4) {
            const d = s.charCodeAt(i) - 0x30;
            if (d < 0 || d > 9) break;
            n = n * 10 + d;
            i++;
        }
        const digits = i - start;
        if (digits === 0 || digits > 3 || (digits > 1 && s.charCodeAt(start) === 0x30) || n > 255) return undefined;
        out.push(n);
    }
    return i === s.length ? out : undefined;
}

/** Sixteen bytes; `::` once, an optional trailing dotted quad; no zone suffix. */
export function parseIpv6(s: string): number[] | undefined {
    // Without a colon there are at most two groups (checked for every IPv4 endpoint).
    if (!s.includes(':')) return undefined;
    const halves = s.split('::');
    if (halves.length > 2) return undefined;
    const groups = (text: string): number[] | undefined => {
        if (text === '') return [];
        const out: number[] = [];
        const items = text.split(':');
        for (let i = 0; i < items.length; i++) {
            const it = items[i];
            if (i === items.length - 1 && it.includes('.')) {
                const v4 = parseIpv4(it);
                if (!v4) return undefined;
                out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
            } else if (/^[0-9a-fA-F]{1,4}$/.test(it)) out.push(parseInt(it, 16));
            else return undefined;
        }
        return out;
    };
    const head = groups(halves[0]);
    const tail = halves.length === 2 ? groups(halves[1]) : [];
    if (!head || !tail) return undefined;
    const fill = 8 - head.length - tail.length;
    if (halves.length === 2 ? fill < 1 : fill !== 0) return undefined;
    const all = [...head, ...new Array<number>(fill).fill(0), ...tail];
    return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** drbdadm's addr_scope_local: a loopback address (127/8 or ::1). */
export function isLoopback(addr: string): boolean {
    const v6 = parseIpv6(addr);
    return isLoopbackBytes(v6 ? undefined : parseIpv4(addr), v6);
}

/** isLoopback for an address text already read as IPv4 and IPv6 (at most one of them succeeds). */
export function isLoopbackBytes(v4: readonly number[] | undefined, v6: readonly number[] | undefined): boolean {
    if (v6) return v6.slice(0, 15).every((b) => b === 0) && v6[15] === 1;
    return v4 !== undefined && v4[0] === 127;
}
