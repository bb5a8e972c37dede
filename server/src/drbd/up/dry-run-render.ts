/**
 * What `drbdadm -d` prints for each command: every argument through drbdadm's shell_escape
 * (a backslash before each byte outside `[A-Za-z0-9%+-./:=@_]`, output cut at 1023 bytes by its
 * static buffer), joined by spaces, one command per line.
 */
import type { HostPlan } from './plan.js';

const CLEAN = /[A-Za-z0-9%+\-./:=@_]/;
const BACKSLASH = 0x5c;
/** shell_escape's buffer is 1024 bytes: it stops once 1022 are used, an escape may add one. */
const STOP_AT = 1022;

export function shellEscapeBytes(arg: string): Buffer {
    const src = Buffer.from(arg, 'utf8');
    const out: number[] = [];
    for (const b of src) {
        if (out.length >= STOP_AT) break;
        if (!(b < 0x80 && CLEAN.test(String.fromCharCode(b)))) out.push(BACKSLASH);
        out.push(b);
    }
    return Buffer.from(out);
}

export function renderDryRunBytes(plan: HostPlan): Buffer {
    const parts: Buffer[] = [];
    for (const step of plan.steps) {
        step.argv.forEach((arg, i) => {
            if (i) parts.push(Buffer.from(' '));
            parts.push(shellEscapeBytes(arg));
        });
        parts.push(Buffer.from('\n'));
    }
    return Buffer.concat(parts);
}

/** The dry-run text (non-ASCII bytes are escaped one by one, so write the bytes form when exactness matters). */
export function renderDryRun(plan: HostPlan): string {
    return renderDryRunBytes(plan).toString('utf8');
}
