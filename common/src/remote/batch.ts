import { remoteCommand } from './quote.js';

/**
 * One host's steps as a single remote command, so a host costs one round trip instead of one per
 * step, while cancel still stops between steps and inside a step, and the report still knows
 * exactly which steps ran.
 *
 * The fixed sh script below gets a marker token and one pre-quoted command per step. It prints
 * "\nTOKEN start I\n" and "\nTOKEN end I STATUS\n" around step I on both stdout and stderr, stops
 * after the first failing step, and runs each step in the background while a reader waits for EOF
 * on the session's stdin: when our side closes stdin (cancel, timeout) or the connection goes,
 * the reader sends the script SIGTERM, whose trap stops the running step (SIGTERM) and starts no
 * other. Without a tty nothing else would stop remote work when the local ssh goes away, and with
 * a tty drbdadm and drbdmeta behave differently. `eval "exec …"` only ever sees our own
 * single-quoted words (quote.ts), so it runs exactly the step's argv.
 */
const SCRIPT = [
    't=$1; shift; s=0; c=; r=0; i=0',
    `trap 's=1; [ -z "$c" ] || kill -TERM "$c" 2>/dev/null' TERM`,
    'exec 3<&0',
    '{ while read -r _; do :; done; kill -TERM $$; } <&3 >/dev/null 2>&1 & w=$!',
    'exec 3<&- </dev/null',
    'for step do',
    '  [ "$s" = 0 ] || break',
    `  printf '\\n%s start %s\\n' "$t" "$i"; printf '\\n%s start %s\\n' "$t" "$i" >&2`,
    '  eval "exec $step" & c=$!',
    '  [ "$s" = 0 ] || kill -TERM "$c" 2>/dev/null',
    // wait returns early when the trap runs: wait again until the step is really gone. A SIGTERM
    // that reaches the step between fork and exec is lost (the forked sh drops its pending trap):
    // once stopping, the step is sent SIGTERM again every 0.1 s (1 s where sleep takes whole
    // seconds only) while it lives.
    '  while :; do wait "$c"; r=$?; kill -0 "$c" 2>/dev/null || break; [ "$s" = 0 ] || { sleep 0.1 2>/dev/null || sleep 1; kill -TERM "$c" 2>/dev/null; }; done',
    '  c=',
    `  printf '\\n%s end %s %s\\n' "$t" "$i" "$r"; printf '\\n%s end %s %s\\n' "$t" "$i" "$r" >&2`,
    '  [ "$r" = 0 ] || break',
    '  i=$((i + 1))',
    'done',
    'kill "$w" 2>/dev/null',
    'exit "$r"',
].join('\n');

/** The remote argv running `steps` in order under the script above. */
export function batchCommand(token: string, steps: readonly (readonly string[])[]): string[] {
    return ['sh', '-c', SCRIPT, 'sh', token, ...steps.map(remoteCommand)];
}

export type BatchPiece =
    | { kind: 'text'; text: string }
    | { kind: 'start'; index: number }
    | { kind: 'end'; index: number; exitCode: number };

/** Splits one output stream of a batch into step markers and the text between them, chunk by chunk. */
export class MarkerSplitter {
    private buffer = '';
    private readonly marker: RegExp;
    private readonly head: string;

    constructor(token: string) {
        this.head = `\n${token} `;
        this.marker = new RegExp(`\\n${token} (start|end) (\\d+)(?: (\\d+))?\\n`, 'g');
    }

    push(text: string): BatchPiece[] {
        this.buffer += text;
        const pieces: BatchPiece[] = [];
        const text_ = (t: string) => t && pieces.push({ kind: 'text', text: t });
        let last = 0;
        this.marker.lastIndex = 0;
        for (let m = this.marker.exec(this.buffer); m; m = this.marker.exec(this.buffer)) {
            text_(this.buffer.slice(last, m.index));
            const index = Number(m[2]);
            pieces.push(m[1] === 'start' ? { kind: 'start', index } : { kind: 'end', index, exitCode: Number(m[3]) });
            last = m.index + m[0].length;
        }
        const rest = this.buffer.slice(last);
        // Keep back a last line that may be the beginning of a marker split across chunks.
        const nl = rest.lastIndexOf('\n');
        const tail = nl < 0 ? '' : rest.slice(nl);
        const maybeMarker = tail.length < this.head.length + 40 && (this.head.startsWith(tail) || tail.startsWith(this.head));
        const keep = maybeMarker ? tail.length : 0;
        text_(rest.slice(0, rest.length - keep));
        this.buffer = rest.slice(rest.length - keep);
        return pieces;
    }

    /** Whatever is left when the stream ends. */
    flush(): BatchPiece[] {
        const t = this.buffer;
        this.buffer = '';
        return t ? [{ kind: 'text', text: t }] : [];
    }
}
