/**
 * `drbdconf apply [-c FILE] [--ssh-config F] [--yes] RES|all`: puts the configuration's files on
 * every host of the selected resources and runs `drbdadm adjust` there (remote/apply/apply.ts):
 * preflight with a per-host preview (file diffs, the host's own adjust commands), confirmation,
 * install, adjust, status. Ctrl-C cancels as Up's does.
 */
import type { ReleaseVersion } from '../drbd/release.js';
import { applyConfig, type ApplyReport } from '../remote/apply/apply.js';
import type { HostApplyPreflight } from '../remote/apply/preflight.js';
import { applyPlan } from '../remote/apply/plan.js';
import { diffLines } from '../remote/drift.js';
import { formatArgv } from '../remote/dry-run.js';
import { SshSession } from '../remote/ssh.js';
import type { ConfigInput } from './config-input.js';
import { cancelOnSigint } from './sigint.js';
import { masked } from './up-remote-command.js';
import { confirm, EventPrinter, label } from './up-remote.js';

export interface ApplyCommandOptions {
    sshConfig?: string;
    sshPath?: string;
    yes: boolean;
    release: ReleaseVersion;
    /** The main file's path on the hosts (default /etc/drbd.conf). */
    remoteConfig?: string;
    out?: NodeJS.WritableStream;
    err?: NodeJS.WritableStream;
    /** Default: aborted by SIGINT. */
    signal?: AbortSignal;
    /** Default: the CLI asks on the terminal. */
    interactive?: boolean;
}

/** What Apply would touch: files and per-host resources, or why the configuration goes no further. */
export async function applyCommand(input: ConfigInput, selection: string[] | 'all', options: ApplyCommandOptions): Promise<number> {
    const out = masked(options.out ?? process.stdout, []);
    const err = masked(options.err ?? process.stderr, []);
    const say = (text: string) => out.write(text + '\n');
    const plan = applyPlan(input.mainFile, input.source, selection, options.release, options.remoteConfig);
    if ('message' in plan) {
        err.write(plan.message);
        return plan.exitCode;
    }
    if (!options.yes && !(options.interactive ?? process.stdin.isTTY)) {
        err.write('drbdconf apply: refusing to change hosts without confirmation: stdin is not a terminal (pass --yes to apply without asking)\n');
        return 2;
    }
    return cancelOnSigint(options.signal, err, 'apply', async (signal) => {
        const session = await SshSession.open({ sshPath: options.sshPath, configFile: options.sshConfig });
        try {
            const resources = [...new Set(plan.targets.flatMap((t) => t.resources))].join(' ');
            say(`Apply ${resources} on ${plan.targets.map((t) => t.host).join(', ')}: ${plan.files.map((f) => `${f.remote} (from ${f.local})`).join(', ')}`);
            const printer = new EventPrinter(say);
            const report = await applyConfig(session, plan.files, plan.targets, {
                signal,
                remoteConfig: options.remoteConfig,
                onEvent: (e) => (e.kind === 'run' ? printer.print(e.event) : say(`${e.host ? `[${e.host}] ` : ''}${e.text}`)),
                confirm: async (preflight) => {
                    printPreview(preflight, say);
                    if (options.yes) return true;
                    return confirm(`apply (${confirmText(preflight)})`, { err, signal, yes: false, out });
                },
            });
            printSummary(report, say);
            if (report.cancelled) return 130;
            return report.ok ? 0 : 1;
        } finally {
            await session.close();
        }
    });
}

function printPreview(preflight: HostApplyPreflight[], say: (s: string) => void): void {
    say('Preview:');
    for (const p of preflight) {
        say(`  ${label(p)} — hostname ${p.nodename}, drbdadm ${p.drbdadmVersion ?? '?'}, kernel module ${p.kernelVersion ?? '?'}:`);
        for (const f of p.files) {
            if (!f.changed) {
                say(`    ${f.file.remote}: unchanged`);
                continue;
            }
            say(`    ${f.file.remote}: ${f.before ? 'changes' : 'new file'}`);
            for (const line of hunks(diffLines(lines(f.before), lines(f.file.content)))) say(`      ${line}`);
        }
        if (p.adjust.length === 0) say('    adjust: nothing to do');
        else {
            say(`    adjust: ${p.adjust.length} command${p.adjust.length === 1 ? '' : 's'}`);
            p.adjust.forEach((a, i) => say(`      ${i + 1}. ${formatArgv(a)}`));
        }
    }
}

function confirmText(preflight: HostApplyPreflight[]): string {
    return preflight
        .map((p) => {
            const changed = p.files.filter((f) => f.changed).map((f) => f.file.remote);
            return `${p.host}: ${changed.length > 0 ? changed.join(', ') : 'no file changes'}; ${p.adjust.length} adjust command${p.adjust.length === 1 ? '' : 's'}`;
        })
        .join(' | ');
}

function lines(b: Buffer | null): string[] {
    if (!b) return [];
    const text = b.toString('utf8');
    return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** Changed lines with two lines of context; `…` where unchanged lines are left out. */
function hunks(diff: string[]): string[] {
    const keep = diff.map((l) => !l.startsWith('  '));
    const near = (i: number) => keep.slice(Math.max(0, i - 2), i + 3).some(Boolean);
    const out: string[] = [];
    diff.forEach((l, i) => {
        if (near(i)) out.push(l);
        else if (out.at(-1) !== '…') out.push('…');
    });
    return out;
}

function printSummary(r: ApplyReport, say: (s: string) => void): void {
    say('Summary:');
    for (const p of r.namingProblems) say(`  refused: ${p}`);
    for (const p of r.preflight) {
        if (!p.ok) {
            say(`  ${label(p)}: preflight FAILED`);
            for (const x of p.problems) {
                say(`    ${x.check}: ${x.message}`);
                for (const line of (x.detail ?? '').split('\n').filter(Boolean)) say(`      | ${line}`);
            }
        }
    }
    if (r.phase === 'preflight') say(`  nothing was changed on any host${r.cancelled ? ' (cancelled)' : ': fix the problems above first'}`);
    if (r.phase === 'confirm') say('  not confirmed: nothing was changed on any host');
    for (const h of r.preflight) {
        const install = r.install.find((c) => c.host === h.host);
        const restore = r.restore?.find((c) => c.host === h.host);
        const run = r.adjust?.hosts.find((x) => x.host === h.host);
        const status = r.status.find((s) => s.host === h.host);
        if (r.phase === 'install' || r.phase === 'adjust') {
            const files = install ? install.done.filter((l) => l.startsWith('installed ')).map((l) => l.slice(10)) : [];
            say(`  ${label(h)}: ${install ? (install.ok ? `files changed: ${files.join(', ')}` : `install FAILED: ${install.message}`) : 'no file changed'}`);
            if (restore) say(`    ${restore.ok ? `restored${restore.done.length > 0 ? `: ${restore.done.join(', ')}` : ' (nothing had changed)'}` : `restore FAILED: ${restore.message}`}`);
        }
        if (run) {
            const s = run.steps[0];
            say(`    ${formatArgv(s.step.argv)}: ${s.status === 'ok' ? 'ok' : s.status.toUpperCase()}${s.message ? ` — ${s.message}` : ''}`);
            say(`    commands it ran (as previewed): ${h.adjust.length === 0 ? 'none' : h.adjust.map((a) => formatArgv(a)).join('; ')}`);
        }
        if (status) for (const line of status.text.split('\n')) say(`    status | ${line}`);
    }
    if (r.restore) say('  nothing was adjusted: every host that was changed has been restored');
    for (const l of r.leftovers) say(`  temp dir left behind on ${l}`);
}
