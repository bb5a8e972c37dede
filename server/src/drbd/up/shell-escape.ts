/**
 * drbdadm's shell_escape() (drbdadm_main.c), the one escape every printed command goes through:
 * a backslash before each byte outside `[A-Za-z0-9%+-./:=@_]`, cut at 1023 bytes by its static
 * buffer. Bytewise, so a non-ASCII name prints as drbdadm prints it.
 */

const CLEAN = /[A-Za-z0-9%+\-./:=@_]/;
const BACKSLASH = 0x5c;
const SPACE = Buffer.from(' ');
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

/** One command as `drbdadm -d` prints it, without the newline. */
export function dryRunLineBytes(argv: readonly string[]): Buffer {
    return Buffer.concat(argv.flatMap((arg, i) => (i ? [SPACE, shellEscapeBytes(arg)] : [shellEscapeBytes(arg)])));
}

/** The same line as text: what a UTF-8 terminal shows of drbdadm's bytes. */
export function dryRunLine(argv: readonly string[]): string {
    return dryRunLineBytes(argv).toString('utf8');
}
