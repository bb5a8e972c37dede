import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { destinationOf } from './names.js';
import { remoteCommand } from './quote.js';

/** How hosts are reached: the system OpenSSH client, so the user's config, agent and known_hosts apply. */
export interface SshSettings {
    /** The ssh binary (default `ssh` on PATH). */
    sshPath?: string;
    /** Passed as `-F FILE`. */
    configFile?: string;
    /** Extra ssh arguments, placed before the destination. They cannot turn off BatchMode or host-key checks, or ask for a tty. */
    extraArgs?: string[];
    /** `on` name → ssh destination (default: the `on` name). */
    hosts?: Record<string, string>;
    /** Reuse one connection per host through a ControlMaster in a private directory (default true). */
    multiplex?: boolean;
    /** `-o ConnectTimeout=N` (default 10; 0 leaves it to the user's config). */
    connectTimeoutSec?: number;
}

export interface ExecOptions {
    timeoutMs: number;
    signal?: AbortSignal;
    onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
    /**
     * Keep the session's stdin open and stop by closing it (then, after a grace period, by
     * signalling the local ssh): for remote commands that end their work on EOF (batch.ts).
     */
    holdStdin?: boolean;
    /** Written to the session's stdin, which is then closed (e.g. a file's contents for `cat > F`). */
    input?: string | Buffer;
}

export interface ExecResult {
    /** Exit status of ssh: the remote command's, or 255 when ssh itself failed. */
    exitCode: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    timedOut: boolean;
    cancelled: boolean;
    durationMs: number;
    /** Set when ssh could not be started at all (e.g. not on PATH). */
    spawnError?: string;
}

const GRACE_MS = 3000;
const MAX_KEPT = 1 << 20;

/**
 * How runs reach a destination. `private`: a ControlMaster of this session's own. `config`: the
 * user's ssh config shares connections (ControlMaster auto with ControlPersist), so ssh reuses
 * their master or starts one that persists as they configured, as in their terminal. `open`: their
 * ControlPath has a running master, used without ever starting one there.
 */
export type Sharing = 'private' | 'config' | 'open';

/**
 * One set of ssh connections, one per destination (sharing as above, read from the user's config
 * with `ssh -G` and `ssh -O check`, which connect nowhere). `close()` ends the private
 * ControlMasters and removes their directory; the user's are left as they are.
 */
export class SshSession {
    /** Destinations reached through this session's own ControlMasters. */
    private readonly used = new Set<string>();
    private readonly sharing = new Map<string, Promise<Sharing>>();

    private constructor(
        readonly settings: SshSettings,
        private readonly controlDir: string | undefined,
    ) {}

    static async open(settings: SshSettings): Promise<SshSession> {
        if (settings.multiplex === false) return new SshSession(settings, undefined);
        // Socket paths are limited to ~104 bytes; %C adds 40.
        const base = tmpdir().length > 40 ? '/tmp' : tmpdir();
        return new SshSession(settings, await mkdtemp(join(base, 'drbd-ssh-')));
    }

    destination(host: string): string {
        return destinationOf(host, this.settings.hosts);
    }

    /** The full argv given to ssh to run `argv` on `host`'s destination (exported for tests and benches). */
    sshArgs(host: string, argv: readonly string[], sharing: Sharing = 'private'): string[] {
        return [...this.options(sharing), '--', this.destination(host), remoteCommand(argv)];
    }

    /** `-F` and the options no setting can undo. */
    private fixedOptions(): string[] {
        const a: string[] = this.settings.configFile ? ['-F', this.settings.configFile] : [];
        // ssh keeps the first value it sees for an option, and the command line beats config files:
        // these come first so neither extraArgs nor a config can undo them.
        a.push('-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes');
        return a;
    }

    private options(sharing: Sharing): string[] {
        const s = this.settings;
        const a = this.fixedOptions();
        // 'config' leaves sharing to the user's config; 'open' never starts a master at their path.
        if (sharing === 'open') a.push('-o', 'ControlMaster=no');
        else if (sharing === 'private' && this.controlDir)
            a.push('-o', 'ControlMaster=auto', '-o', `ControlPath=${this.controlDir}/%C`, '-o', 'ControlPersist=60');
        else if (sharing === 'private') a.push('-o', 'ControlMaster=no', '-o', 'ControlPath=none');
        a.push(...(s.extraArgs ?? []));
        // No tty (a flag: the last one wins): with one, drbdadm -d checks IPs and drbdmeta may prompt.
        a.push('-T');
        const t = s.connectTimeoutSec ?? 10;
        if (t > 0) a.push('-o', `ConnectTimeout=${t}`);
        return a;
    }

    /** How `destination` is reached (asked once): the user's connection sharing where their config has one. */
    private sharingOf(destination: string): Promise<Sharing> {
        let known = this.sharing.get(destination);
        if (!known) {
            known = this.controlDir ? this.askSharing(destination) : Promise.resolve('private');
            this.sharing.set(destination, known);
        }
        return known;
    }

    private async askSharing(destination: string): Promise<Sharing> {
        const ssh = (...args: string[]) => this.spawn([...this.fixedOptions(), ...(this.settings.extraArgs ?? []), ...args, '--', destination], { timeoutMs: 5000 });
        const config = await ssh('-G');
        const value = (key: string) => new RegExp(`^${key} (.*)$`, 'm').exec(config.stdout)?.[1];
        const path = value('controlpath');
        if (config.exitCode !== 0 || !path || path === 'none') return 'private';
        const persist = value('controlpersist');
        if (value('controlmaster') === 'auto' && persist && persist !== 'no') return 'config';
        return (await ssh('-O', 'check')).exitCode === 0 ? 'open' : 'private';
    }

    async exec(host: string, argv: readonly string[], opts: ExecOptions): Promise<ExecResult> {
        const destination = this.destination(host);
        const sharing = await this.sharingOf(destination);
        if (sharing === 'private') this.used.add(destination);
        return this.spawn(this.sshArgs(host, argv, sharing), opts);
    }

    private spawn(args: string[], opts: ExecOptions): Promise<ExecResult> {
        return spawnBounded(this.settings.sshPath ?? 'ssh', args, opts);
    }

    /** Ask each ControlMaster this session may have started to exit, then remove the socket directory. */
    async close(): Promise<void> {
        const dir = this.controlDir;
        if (!dir) return;
        const sockets = await readdir(dir).catch(() => []);
        if (sockets.length > 0) {
            const base = this.options('private');
            await Promise.all([...this.used].map((d) => this.spawn([...base, '-O', 'exit', '--', d], { timeoutMs: 5000 })));
        }
        await rm(dir, { recursive: true, force: true });
    }
}

/** spawn (never through a shell) with a deadline and cancellation; always resolves. */
function spawnBounded(file: string, args: string[], opts: ExecOptions): Promise<ExecResult> {
    const started = Date.now();
    return new Promise((resolve) => {
        const result: ExecResult = {
            exitCode: null,
            signal: null,
            stdout: '',
            stderr: '',
            timedOut: false,
            cancelled: false,
            durationMs: 0,
        };
        if (opts.signal?.aborted) {
            result.cancelled = true;
            resolve(result);
            return;
        }
        const child = spawn(file, args, { stdio: [opts.holdStdin || opts.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
        if (opts.input !== undefined) child.stdin?.end(opts.input);
        const timers: NodeJS.Timeout[] = [];
        let finished = false;
        const finish = () => {
            if (finished) return;
            finished = true;
            timers.forEach(clearTimeout);
            opts.signal?.removeEventListener('abort', onAbort);
            child.stdin?.destroy();
            result.durationMs = Date.now() - started;
            resolve(result);
        };
        const stop = () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            if (opts.holdStdin && child.stdin) {
                child.stdin.end();
                timers.push(setTimeout(() => child.kill('SIGTERM'), GRACE_MS));
            } else child.kill('SIGTERM');
            timers.push(setTimeout(() => child.kill('SIGKILL'), 2 * GRACE_MS));
        };
        const onAbort = () => {
            result.cancelled = true;
            stop();
        };
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(
            setTimeout(() => {
                result.timedOut = true;
                stop();
            }, opts.timeoutMs),
        );
        for (const name of ['stdout', 'stderr'] as const) {
            const decoder = new StringDecoder('utf8');
            child[name]?.on('data', (chunk: Buffer) => {
                const text = decoder.write(chunk);
                if (!text) return;
                if (result[name].length < MAX_KEPT) result[name] += text;
                opts.onOutput?.(name, text);
            });
        }
        child.stdin?.on('error', () => undefined);
        child.on('error', (e) => {
            result.spawnError = e.message;
            finish();
        });
        child.on('exit', (code, signal) => {
            result.exitCode = code;
            result.signal = signal;
            // A ControlMaster forked by this ssh might keep our pipes open: do not wait for them long.
            timers.push(setTimeout(finish, 500));
        });
        child.on('close', finish);
    });
}
