/**
 * Recording stand-in for drbdsetup and drbdmeta on a simulated host (bind-mounted over both).
 * Each call appends its argv to HD/calls as one line of shell words (quoted where needed: a word
 * with a newline spans lines inside its quotes; parseCalls reads them back exactly), its PID to HD/pids,
 * and, once it finishes, "EXIT LINE" to HD/done. Fault injection, one rule a line, GLOB matched
 * against "PROG ARGS..." joined by spaces:
 *   HD/delay  SECONDS|GLOB          sleeps whole SECONDS (in a way SIGTERM interrupts at once)
 *   HD/fail   EXIT|GLOB|MESSAGE     prints MESSAGE on stderr and exits EXIT
 * Kernel state, for what drbdadm reads (adjust: `drbdsetup show [RES]`; status: `drbdsetup
 * status RES`): HD/kernel/RES.show and HD/kernel/RES.status are printed as the answer; without a
 * resource, `show` prints every RES.show. A resource without a file is not configured (show prints
 * nothing, status says "No such resource" and exits 10, as drbdsetup does).
 */
import { posixQuote } from '../../common/src/remote/quote.js';

export function shimScript(hostDir: string): string {
    return `#!/bin/sh
hd='${hostDir}'
prog=\${0##*/}
line="$prog $*"
# A word other than plain characters in single quotes, each ' as '\\''. One write per call.
q() { case $1 in '' | *[!A-Za-z0-9_./:=,+@%-]*) printf "'"; printf '%s' "$1" | sed "s/'/'\\\\\\\\''/g"; printf "'" ;; *) printf '%s' "$1" ;; esac; }
rec=$(sep=; for a in "$prog" "$@"; do printf '%s' "$sep"; q "$a"; sep=' '; done; printf x)
printf '%s\\n' "\${rec%x}" >> "$hd/calls"
echo $$ >> "$hd/pids"
if [ -f "$hd/delay" ]; then
  while IFS='|' read -r secs glob; do
    case $line in $glob)
      # Short sleeps: SIGTERM ends this script at once, and leaves at most a 0.1 s sleep behind.
      n=$((secs * 10)); while [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
      break ;;
    esac
  done < "$hd/delay"
fi
code=0
if [ -f "$hd/fail" ]; then
  while IFS='|' read -r c glob msg; do
    case $line in $glob) echo "$msg" >&2; code=$c; break ;; esac
  done < "$hd/fail"
fi
if [ "$code" = 0 ] && [ "$prog" = drbdsetup ]; then
  case $1 in show|status)
    what=$1; res=; shift
    for a do case $a in -*) ;; *) res=$a ;; esac; done
    if [ -z "$res" ]; then
      for f in "$hd"/kernel/*."$what"; do [ ! -f "$f" ] || cat "$f"; done
    elif [ -f "$hd/kernel/$res.$what" ]; then cat "$hd/kernel/$res.$what"
    elif [ "$what" = status ]; then echo "$res: No such resource" >&2; code=10
    fi ;;
  esac
fi
echo "$code $line" >> "$hd/done"
exit "$code"
`;
}

/** The argv of every recorded call, in order: the shell words of each line (see shimScript). */
export function parseCalls(text: string): string[][] {
    const calls: string[][] = [];
    let words: string[] = [];
    let word: string | undefined;
    for (let i = 0; i < text.length; i++) {
        const c = text[i]!;
        if (c === "'") {
            const end = text.indexOf("'", i + 1);
            if (end < 0) throw new Error(`calls: unterminated quote at ${i}`);
            word = (word ?? '') + text.slice(i + 1, end);
            i = end;
        } else if (c === '\\') {
            word = (word ?? '') + (text[++i] ?? '');
        } else if (c === ' ' || c === '\n') {
            if (word !== undefined) words.push(word);
            word = undefined;
            if (c === '\n') {
                calls.push(words);
                words = [];
            }
        } else {
            word = (word ?? '') + c;
        }
    }
    if (word !== undefined || words.length > 0) throw new Error('calls: the last call has no newline');
    return calls;
}

/** A call as parseCalls reads it back: its words, quoted where needed (as the shim writes them). */
export function formatCall(argv: readonly string[]): string {
    return argv.map((a) => (/^[A-Za-z0-9_./:=,+@%-]+$/.test(a) ? a : posixQuote(a))).join(' ');
}
