import { randomBytes } from 'node:crypto';
import { MarkerSplitter } from './batch.js';
import { remoteCommand } from './quote.js';
import type { ExecOptions, ExecResult, SshSession } from './ssh.js';

/** One command of `execTogether`; `stdin`: it reads the session's stdin (at most one command may). */
export interface TogetherCommand {
    argv: readonly string[];
    stdin?: boolean;
}

/**
 * Runs every command, in order and whatever each exits with, in ONE ssh session, each with its
 * own stdout, stderr and exit status: a host's read-only checks cost one session and one round
 * trip instead of one each (each session is a local ssh process and a remote login shell).
 * The fixed script prints "\nTOKEN start I\n" and "\nTOKEN end I STATUS\n" around command I on both
 * streams (as batch.ts) and runs each command from its pre-quoted words (quote.ts) by
 * `eval "exec …"` in a subshell, so nothing from a name is shell syntax; stdin is /dev/null except
 * for the one command that reads it.
 */
const SCRIPT = [
    't=$1; shift; i=0',
    'while [ $# -ge 2 ]; do',
    '  m=$1; c=$2; shift 2',
    `  printf '\\n%s start %s\\n' "$t" "$i"; printf '\\n%s start %s\\n' "$t" "$i" >&2`,
    '  if [ "$m" = i ]; then (eval "exec $c"); else (eval "exec $c") </dev/null; fi; r=$?',
    `  printf '\\n%s end %s %s\\n' "$t" "$i" "$r"; printf '\\n%s end %s %s\\n' "$t" "$i" "$r" >&2`,
    '  i=$((i + 1))',
    'done',
].join('\n');

/** The remote argv of SCRIPT for `commands` (exported for tests). */
export function togetherCommand(token: string, commands: readonly TogetherCommand[]): string[] {
    return ['sh', '-c', SCRIPT, 'sh', token, ...commands.flatMap((c) => [c.stdin ? 'i' : 'n', remoteCommand(c.argv)])];
}

/**
 * One result per command, as `session.exec` would give for it alone: a command that ended has its
 * own exit status and output; one that did not (ssh failed, timed out, was cancelled, the
 * connection dropped) gets the session's result (e.g. exit 255 and ssh's message).
 */
export async function execTogether(
    session: SshSession,
    host: string,
    commands: readonly TogetherCommand[],
    opts: Omit<ExecOptions, 'onOutput' | 'holdStdin'>,
): Promise<ExecResult[]> {
    if (commands.filter((c) => c.stdin).length > 1) throw new Error('execTogether: at most one command may read stdin');
    const token = `@@drbdconf:${randomBytes(8).toString('hex')}`;
    const res = await session.exec(host, togetherCommand(token, commands), opts);
    const own = commands.map(() => ({ stdout: '', stderr: '', exitCode: undefined as number | undefined }));
    const outside = { stdout: '', stderr: '' };
    for (const stream of ['stdout', 'stderr'] as const) {
        const splitter = new MarkerSplitter(token);
        let current = -1;
        for (const p of [...splitter.push(res[stream]), ...splitter.flush()]) {
            if (p.kind === 'start') current = p.index;
            else if (p.kind === 'end') {
                if (own[p.index]) own[p.index].exitCode = p.exitCode;
                current = -1;
            } else if (own[current]) own[current][stream] += p.text;
            else outside[stream] += p.text;
        }
    }
    return own.map((o) =>
        o.exitCode !== undefined
            ? { ...res, exitCode: o.exitCode, signal: null, timedOut: false, cancelled: false, stdout: o.stdout, stderr: o.stderr }
            : { ...res, exitCode: res.exitCode === 0 ? null : res.exitCode, stdout: o.stdout, stderr: o.stderr + outside.stderr },
    );
}
