/**
 * `drbdconf apply [-c FILE] [--ssh-config F] [--yes] RES|all`: puts the configuration's files on
 * every host of the selected resources and runs `drbdadm adjust` there (remote/apply/apply.ts):
 * preflight with a per-host preview (file diffs, the host's own adjust commands), confirmation,
 * install, adjust, status. Ctrl-C cancels as Up's does.
 */
import type { ReleaseVersion } from '../drbd/release.js';
import { applyConfig } from '../../../common/src/remote/apply/apply.js';
import { applyPlan } from '../../../common/src/remote/apply/plan.js';
import { confirmText, previewLines, summaryLines } from '../../../common/src/remote/apply/report.js';
import { SshSession } from '../../../common/src/remote/ssh.js';
import type { ConfigInput } from './config-input.js';
import { cancelOnSigint } from './sigint.js';
import { masked } from './up-remote-command.js';
import { confirm, EventPrinter } from './up-remote.js';

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
                    previewLines(preflight).forEach(say);
                    if (options.yes) return true;
                    return confirm(`apply (${confirmText(preflight)})`, { err, signal, yes: false, out });
                },
            });
            summaryLines(report).forEach(say);
            if (report.cancelled) return 130;
            return report.ok ? 0 : 1;
        } finally {
            await session.close();
        }
    });
}

