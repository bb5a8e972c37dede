/**
 * The fixed sh scripts Apply runs on a host. Each is one constant string; names and paths reach
 * it only as positional arguments ("$1"...), quoted word by word by quote.ts, so nothing from the
 * configuration is ever shell syntax. Hashes are sha256 hex, '-' for "no such file".
 */

/** `$dst`'s sha256, or '-' when it does not exist; exits 3 when it exists but cannot be read. */
const HASH_OF = `hash_of() { if [ -e "$1" ] || [ -L "$1" ]; then h=$(sha256sum < "$1") || exit 3; h=\${h%% *}; else h=-; fi; }`;

/**
 * Make the private temp dir, say what is at each of the N current paths (`absent`, `notfile`, or
 * `present` followed by the file's bytes in base64 and a line `.`), then write each candidate file
 * TMP/REL from stdin (base64 lines ending with a line `.`) and print `sha HASH` of it as written.
 * Arguments: TMP N PATH... REL...
 */
const STAGE = [
    'set -u',
    'umask 077',
    't=$1; n=$2; shift 2',
    'mkdir -m 0700 -- "$t" || exit 3',
    'i=0',
    'while [ "$i" -lt "$n" ]; do',
    '  f=$1; shift; i=$((i + 1))',
    '  if [ -f "$f" ]; then echo present; base64 < "$f" || exit 3; echo .',
    '  elif [ -e "$f" ] || [ -L "$f" ]; then echo notfile',
    '  else echo absent; fi',
    'done',
    'for rel do',
    '  p=$t/$rel',
    '  mkdir -p -- "${p%/*}" || exit 4',
    "  while IFS= read -r l && [ \"$l\" != . ]; do printf '%s\\n' \"$l\"; done | base64 -d > \"$p\" || exit 4",
    '  h=$(sha256sum < "$p") || exit 4; echo "sha ${h%% *}"',
    'done',
].join('\n');

/** The STAGE command and its stdin: the candidate files in base64, each ended by a line `.`. */
export function stageCommand(tmp: string, current: readonly string[], candidates: readonly { rel: string; content: Buffer }[]): { argv: string[]; input: string } {
    const input = candidates.map((c) => `${(c.content.toString('base64').match(/.{1,76}/g) ?? []).join('\n')}\n.\n`).join('');
    return { argv: ['sh', '-c', STAGE, 'sh', tmp, String(current.length), ...current, ...candidates.map((c) => candidatePath('', c.rel).slice(1))], input };
}

/** Where a candidate file is in the temp dir: under `c/`, apart from Apply's own files there. */
export function candidatePath(tmp: string, rel: string): string {
    return `${tmp}/c/${rel}`;
}

/**
 * For each (SRC DST OLD NEW): DST must still be OLD (as the preflight saw it); keep a backup
 * `DST.drbdconf-backup-STAMP` (same owner and mode), write the new content beside DST with DST's
 * owner and mode, fsync, rename over DST. Prints `backup DST` and `installed DST` as it goes and
 * stops at the first failure (exit 3: DST changed meanwhile, 4: a write failed) — restore
 * (RESTORE below) puts back whatever it did.
 */
const INSTALL = [
    'set -u',
    HASH_OF,
    'echo $$ > "$1" || exit 4; stamp=$2; shift 2',
    'while [ $# -ge 4 ]; do',
    '  src=$1; dst=$2; old=$3; new=$4; shift 4',
    '  next=$dst.drbdconf-new; backup=$dst.drbdconf-backup-$stamp',
    '  hash_of "$dst"',
    '  [ "$h" = "$old" ] || { echo "$dst changed since the preflight read it" >&2; exit 3; }',
    '  if [ "$old" = - ]; then',
    '    mkdir -p -- "${dst%/*}" && cp -- "$src" "$next" && chmod 0644 -- "$next" || exit 4',
    '  else',
    '    [ ! -e "$backup" ] || { echo "$backup exists already" >&2; exit 4; }',
    '    cp -p -- "$dst" "$backup" && sync -- "$backup" || exit 4',
    '    echo "backup $dst"',
    '    cp -p -- "$dst" "$next" && cat -- "$src" > "$next" || exit 4',
    '  fi',
    '  sync -- "$next" || exit 4',
    '  mv -f -- "$next" "$dst" || { rm -f -- "$next"; exit 4; }',
    '  echo "installed $dst"',
    'done',
].join('\n');

export interface InstallItem {
    src: string;
    dst: string;
    /** sha256 of DST as the preflight read it, '-' when absent. */
    old: string;
    /** sha256 of the new content. */
    new: string;
}

/** `pidFile` (in the temp dir) records the install's PID for RESTORE. */
export function installCommand(pidFile: string, stamp: string, items: readonly InstallItem[]): string[] {
    return ['sh', '-c', INSTALL, 'sh', pidFile, stamp, ...items.flatMap((i) => [i.src, i.dst, i.old, i.new])];
}

/**
 * Undo INSTALL for each (DST OLD NEW), whatever point it reached (also after a lost connection,
 * once that install is stopped):
 * a DST that is still OLD is left alone; one that is NEW gets OLD back from its backup (checked
 * against OLD) by the same write-beside-and-rename, or is removed when it did not exist before.
 * Our backups go once their file is OLD again. Anything else is reported and left as it is (exit 5).
 */
const RESTORE = [
    'set -u',
    HASH_OF,
    // An install whose connection dropped may still be running there: stop it first (at most ~5 s).
    'if [ -f "$1" ]; then pid=$(cat "$1"); n=0; while [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && [ "$n" -lt 50 ]; do sleep 0.1 2>/dev/null || sleep 1; n=$((n + 1)); done; fi',
    'stamp=$2; shift 2; rc=0',
    'while [ $# -ge 3 ]; do',
    '  dst=$1; old=$2; new=$3; shift 3',
    '  next=$dst.drbdconf-new; backup=$dst.drbdconf-backup-$stamp',
    '  rm -f -- "$next"',
    '  hash_of "$dst"',
    '  if [ "$h" = "$old" ]; then rm -f -- "$backup"; continue; fi',
    '  if [ "$h" != "$new" ]; then echo "$dst is neither the old nor the new content: left as it is" >&2; rc=5; continue; fi',
    '  if [ "$old" = - ]; then rm -f -- "$dst" && echo "removed $dst" || rc=5; continue; fi',
    '  hash_of "$backup"',
    '  [ "$h" = "$old" ] || { echo "$backup is missing or not the old content: $dst left as it is" >&2; rc=5; continue; }',
    '  cp -p -- "$backup" "$next" && sync -- "$next" && mv -f -- "$next" "$dst" && rm -f -- "$backup" && echo "restored $dst" || rc=5',
    'done',
    'exit $rc',
].join('\n');

export function restoreCommand(pidFile: string, stamp: string, items: readonly Omit<InstallItem, 'src'>[]): string[] {
    return ['sh', '-c', RESTORE, 'sh', pidFile, stamp, ...items.flatMap((i) => [i.dst, i.old, i.new])];
}

/**
 * For each (DIR PATTERN): the paths that exist and that PATTERN matches, resolved in DIR, as the
 * host's drbdadm resolves an include there (glob(3) relative to the including file's directory,
 * drbdadm_parser.c include_stmt()); here by sh's pathname expansion, which matches the same way
 * (`*`, `?`, `[...]` within one segment, no leading dot) — with IFS empty, `$p` is only expanded,
 * never split. Prints `I PATH` per match, I the pair's index.
 */
const MATCHES = [
    'IFS=; i=0',
    'while [ $# -ge 2 ]; do',
    '  d=$1; p=$2; shift 2',
    '  if cd -- "$d" 2>/dev/null; then',
    '    for f in $p; do',
    '      [ -e "$f" ] || [ -L "$f" ] || continue',
    '      case $f in /*) printf \'%s %s\\n\' "$i" "$f" ;; *) printf \'%s %s/%s\\n\' "$i" "$d" "$f" ;; esac',
    '    done',
    '  fi',
    '  i=$((i + 1))',
    'done',
].join('\n');

export function matchesCommand(pairs: readonly { dir: string; pattern: string }[]): string[] {
    return ['sh', '-c', MATCHES, 'sh', ...pairs.flatMap((p) => [p.dir, p.pattern])];
}

/** MATCHES' output: per pair index, the paths it matched. */
export function parseMatches(stdout: string): Map<number, string[]> {
    const out = new Map<number, string[]>();
    for (const line of stdout.split('\n')) {
        const m = /^(\d+) (\/.*)$/.exec(line);
        if (m) out.set(Number(m[1]), [...(out.get(Number(m[1])) ?? []), m[2]]);
    }
    return out;
}

/** Apply's temp directories, and nothing else, are removed: the name is checked before `rm -rf`. */
export const TEMP_DIR = /^\/tmp\/drbdconf-apply\.[0-9a-f]{16}$/;

export function removeTempCommand(tmp: string): string[] {
    if (!TEMP_DIR.test(tmp)) throw new Error(`not an Apply temp dir: ${tmp}`);
    return ['rm', '-rf', '--', tmp];
}

/** Parses STAGE's output: per current path its bytes, `null` when absent, or 'notfile'; then each candidate's sha256 as written. */
export function parseStage(stdout: string, count: number, candidates: number): { current: (Buffer | null | 'notfile')[]; written: string[] } | undefined {
    const lines = stdout.split('\n');
    const current: (Buffer | null | 'notfile')[] = [];
    let i = 0;
    while (current.length < count && i < lines.length) {
        const l = lines[i++];
        if (l === 'absent') current.push(null);
        else if (l === 'notfile') current.push('notfile');
        else if (l === 'present') {
            const b64: string[] = [];
            while (i < lines.length && lines[i] !== '.') b64.push(lines[i++]);
            if (lines[i++] !== '.') return undefined;
            current.push(Buffer.from(b64.join(''), 'base64'));
        } else return undefined;
    }
    const written = lines.slice(i).filter((l) => l.startsWith('sha ')).map((l) => l.slice(4));
    return current.length === count && written.length === candidates ? { current, written } : undefined;
}
