/**
 * Simulated DRBD hosts behind real sshd, for the remote runner's tests.
 *
 * Each host is a real OpenSSH sshd in its own UTS + mount namespace (and, when possible, its own
 * network namespace on a bridge this rig creates): over ssh, `uname -n` is the host's name,
 * /etc/drbd.conf and /etc/drbd.d are the host's own (HOSTDIR/etc), /usr/sbin/drbdadm is the real
 * one (the installed release, or another release's binary bound over it: `drbdadm`), and
 * drbdsetup/drbdmeta are the recording stand-in of shim.ts. Nothing is visible outside
 * the namespaces; `stop()` undoes exactly what `startRig` made, newest first. Needs root.
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync, chmodSync, cpSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseCalls, shimScript } from './shim.js';

const execFileP = promisify(execFile);

/** drbdadm asks modinfo for the kernel module's version unless told; there is no module here. */
export const KERNEL_VERSION = '9.2.12';

export interface SimHost {
    name: string;
    /** The drbdadm binary the host runs as /usr/sbin/drbdadm. */
    drbdadm: string;
    dir: string;
    address: string;
    port: number;
    pid: number;
}

export interface Faults {
    /** `EXIT|GLOB|MESSAGE` rules. */
    fail?: string[];
    /** `SECONDS|GLOB` rules. */
    delay?: string[];
}

export interface Rig {
    dir: string;
    mode: 'netns' | 'loopback';
    /** ssh client config: `Host NAME` per simulated host plus the fault aliases below. */
    sshConfig: string;
    hosts: Record<string, SimHost>;
    /** Names in sshConfig that must fail: nothing listens / key not in known_hosts / key differs / wrong client key. */
    aliases: { refused: string; unknownKey: string; changedKey: string; badAuth: string };
    /** Writes HOSTDIR/etc/drbd.d/FILE (included by the host's /etc/drbd.conf when it ends in .res). */
    install(host: string, file: string, text: string): void;
    setFaults(host: string, faults: Faults): void;
    /** What the host's kernel has configured for `resource` (shim.ts): `drbdsetup show` / `status` text; undefined: not configured. */
    setKernel(host: string, resource: string, state: { show: string; status?: string } | undefined): void;
    /** Runs `argv` in the host's mount namespace (e.g. to inject a read-only bind mount). */
    inHost(host: string, argv: string[]): Promise<void>;
    /** argv of each drbdsetup/drbdmeta call on the host, in order. */
    calls(host: string): string[][];
    /** "EXIT PROG ARGS" of each call that finished. */
    finished(host: string): string[];
    /** What the host's sshd has logged so far: connections it authenticated, sessions it started. */
    logins(host: string): { connections: number; sessions: number };
    /** PIDs of the stand-in calls. */
    pids(host: string): number[];
    /** Processes in the host's UTS namespace other than sshd's own: what sessions run. */
    processes(host: string): { pid: number; cmd: string }[];
    /** Forget calls and faults of every host (configs stay). */
    reset(): void;
    stop(): Promise<void>;
}

type Undo = () => Promise<void> | void;

export interface RigOptions {
    mode?: 'auto' | 'netns' | 'loopback';
    /**
     * Host → another release's drbdadm binary (e.g. DRBD_UTILS_DIR/9.34.0/drbdadm), run as the
     * host's /usr/sbin/drbdadm: called by name, it finds drbdsetup/drbdmeta (the stand-in) through
     * PATH. Default: the installed one.
     */
    drbdadm?: Record<string, string>;
    /** A directory to copy each host's call record into on stop, as HOST.calls (npm start: kept after exit). */
    keepCallsIn?: string;
}

export async function startRig(names: string[], opts: RigOptions = {}): Promise<Rig> {
    if (names.length < 1 || names.length > 8) throw new Error('startRig: 1 to 8 hosts');
    for (const n of names) if (!/^[a-z][a-z0-9-]{0,30}$/.test(n)) throw new Error(`startRig: bad host name ${n}`);
    if (process.getuid?.() !== 0) throw new Error('startRig: needs root (namespaces, bind mounts, sshd)');
    for (const f of ['/usr/sbin/sshd', '/usr/bin/ssh', '/usr/bin/ssh-keygen', '/usr/sbin/drbdadm', '/etc/drbd.conf', '/etc/drbd.d'])
        if (!existsSync(f)) throw new Error(`startRig: ${f} is missing (apt-get install openssh-server openssh-client drbd-utils iproute2)`);
    for (const [host, f] of Object.entries(opts.drbdadm ?? {})) {
        if (!names.includes(host)) throw new Error(`startRig: drbdadm for ${host}, which is not a host of this rig`);
        if (!existsSync(f) || !/^\/[\w./+-]+$/.test(f)) throw new Error(`startRig: ${f} is no drbdadm binary (an absolute path of plain characters)`);
    }
    const dir = await mkdtemp('/tmp/drbdt-');
    // Undone last: the directory (kept with DRBDT_KEEP=1 for a look at logs and calls).
    const undo: Undo[] = [() => (process.env.DRBDT_KEEP ? undefined : rmSync(dir, { recursive: true, force: true }))];
    const keep = opts.keepCallsIn;
    if (keep) undo.push(() => keepCalls(dir, names, keep));
    const stop = async () => {
        while (undo.length > 0) await Promise.resolve(undo.pop()!()).catch(() => undefined);
    };
    try {
        const rig = await build(dir, names, opts.mode ?? 'auto', opts.drbdadm ?? {}, undo);
        return { ...rig, stop };
    } catch (e) {
        await stop();
        throw e;
    }
}

async function build(dir: string, names: string[], wanted: 'auto' | 'netns' | 'loopback', binaries: Record<string, string>, undo: Undo[]): Promise<Omit<Rig, 'stop'>> {
    const client = join(dir, 'client');
    mkdirSync(client);
    await keygen(join(client, 'id'), 'rig-client');
    writeFileSync(join(client, 'authorized_keys'), readFileSync(join(client, 'id.pub')));
    await keygen(join(client, 'other'), 'not-the-host-key');

    const net = wanted === 'loopback' ? undefined : await makeNetwork(names.length, undo).catch((e) => {
        if (wanted === 'netns') throw e;
        return undefined;
    });
    const loop = `127.${100 + rand(150)}.${rand(256)}`;
    const home = (await execFileP('getent', ['passwd', 'root'])).stdout.split(':')[5];

    const hosts: Record<string, SimHost> = {};
    const knownHosts: string[] = [];
    const hostBlocks: string[] = [];
    for (const [i, name] of names.entries()) {
        const hd = join(dir, name);
        const address = net ? `${net.subnet}.${i + 2}` : `${loop}.${i + 2}`;
        const port = net ? 22 : 2222;
        mkdirSync(join(hd, 'etc', 'drbd.d'), { recursive: true });
        mkdirSync(join(hd, 'etc-work'));
        mkdirSync(join(hd, 'kernel'));
        await keygen(join(hd, 'host_key'), name);
        knownHosts.push(`${knownHostsName(address, port)} ${publicKey(join(hd, 'host_key.pub'))}`);
        writeFileSync(join(hd, 'etc', 'drbd.conf'), 'include "drbd.d/global_common.conf";\ninclude "drbd.d/*.res";\n');
        // On loopback the configs' addresses are on no interface of the host: a real `drbdadm up`
        // (not -d) would stop with "IP … not found on this host." In a netns they are real.
        const ipCheck = net ? '' : ' disable-ip-verification;';
        writeFileSync(join(hd, 'etc', 'drbd.d', 'global_common.conf'), `global { usage-count no;${ipCheck} }\ncommon { }\n`);
        for (const f of ['calls', 'pids', 'done', 'wtmp', 'btmp', 'lastlog']) writeFileSync(join(hd, f), '');
        writeFileSync(join(hd, 'shim'), shimScript(hd));
        chmodSync(join(hd, 'shim'), 0o755);
        // A fresh home from /etc/skel: the machine's own ~/.bashrc must not run in each session.
        cpSync('/etc/skel', join(hd, 'home'), { recursive: true });
        chmodSync(join(hd, 'home'), 0o700);
        writeFileSync(join(hd, 'sshd_config'), sshdConfig(hd, dir, address, port));
        const drbdadm = binaries[name] ?? '/usr/sbin/drbdadm';
        writeFileSync(join(hd, 'init.sh'), initScript(name, hd, home, drbdadm));
        const ns = net ? await net.namespace(i, name, address) : undefined;
        const pid = await startSshd(hd, ns, undo);
        hosts[name] = { name, drbdadm, dir: hd, address, port, pid };
        hostBlocks.push(`Host ${name}\n  HostName ${address}\n  Port ${port}\n  ProxyCommand none\n`);
    }

    const first = hosts[names[0]];
    knownHosts.push(`changed-key ${publicKey(join(client, 'other.pub'))}`);
    writeFileSync(join(client, 'known_hosts'), knownHosts.join('\n') + '\n');
    const sshConfig = join(dir, 'ssh_config');
    writeFileSync(
        sshConfig,
        [
            `# client config of the simulated DRBD hosts in ${dir}`,
            ...hostBlocks,
            // Port 1 on a host's address: nothing listens, the connection is refused at once.
            `Host refused\n  HostName ${first.address}\n  Port 1\n  ProxyCommand none\n`,
            `Host unknown-key\n  HostName ${first.address}\n  Port ${first.port}\n  HostKeyAlias unknown-key\n  ProxyCommand none\n`,
            `Host changed-key\n  HostName ${first.address}\n  Port ${first.port}\n  HostKeyAlias changed-key\n  ProxyCommand none\n`,
            `Host bad-auth\n  HostName ${first.address}\n  Port ${first.port}\n  ProxyCommand none\n  IdentityFile ${join(client, 'other')}\n`,
            'Host * !bad-auth',
            `  IdentityFile ${join(client, 'id')}`,
            'Host *',
            '  User root',
            '  IdentitiesOnly yes',
            '  IdentityAgent none',
            `  UserKnownHostsFile ${join(client, 'known_hosts')}`,
            '  GlobalKnownHostsFile /dev/null',
            '  UpdateHostKeys no',
            '  ConnectTimeout 5',
            // Any other name fails here instead of reaching DNS or the network.
            `  ProxyCommand sh -c 'echo "not a host of this test rig" >&2; exit 1'`,
            '',
        ].join('\n'),
    );

    const file = (host: string, f: string) => join(hosts[host].dir, f);
    const read = (host: string, f: string) => readFileSync(file(host, f), 'utf8');
    return {
        dir,
        mode: net ? 'netns' : 'loopback',
        sshConfig,
        hosts,
        aliases: { refused: 'refused', unknownKey: 'unknown-key', changedKey: 'changed-key', badAuth: 'bad-auth' },
        install: (host, f, text) => writeFileSync(join(hosts[host].dir, 'etc', 'drbd.d', f), text),
        setFaults: (host, faults) => {
            for (const kind of ['fail', 'delay'] as const) {
                const rules = faults[kind];
                if (rules) writeFileSync(file(host, kind), rules.join('\n') + '\n');
                else rmSync(file(host, kind), { force: true });
            }
        },
        calls: (host) => parseCalls(read(host, 'calls')),
        finished: (host) => read(host, 'done').split('\n').filter(Boolean),
        pids: (host) => read(host, 'pids').split('\n').filter(Boolean).map(Number),
        logins: (host) => {
            const log = read(host, 'sshd.log');
            return { connections: (log.match(/Accepted publickey/g) ?? []).length, sessions: (log.match(/Starting session/g) ?? []).length };
        },
        processes: (host) =>
            pidsInUts(readlinkSync(`/proc/${hosts[host].pid}/ns/uts`))
                .filter((p) => p !== hosts[host].pid && alive(p))
                .map((pid) => ({ pid, cmd: cmdline(pid) }))
                .filter((p) => !p.cmd.startsWith('sshd')),
        setKernel: (host, resource, state) => {
            for (const what of ['show', 'status'] as const) {
                const f = join(hosts[host].dir, 'kernel', `${resource}.${what}`);
                const text = state?.[what];
                if (text !== undefined) writeFileSync(f, text);
                else rmSync(f, { force: true });
            }
        },
        inHost: async (host, argv) => {
            await execFileP('nsenter', ['-t', String(hosts[host].pid), '-m', '-u', '--', ...argv], { timeout: 5000 });
        },
        reset: () => {
            for (const h of names) {
                for (const f of ['calls', 'pids', 'done']) writeFileSync(file(h, f), '');
                for (const f of ['fail', 'delay']) rmSync(file(h, f), { force: true });
                for (const f of readdirSync(file(h, 'kernel'))) rmSync(join(file(h, 'kernel'), f));
            }
        },
    };
}

/** Each host's call record, copied out of the rig's directory before it goes. */
function keepCalls(dir: string, names: string[], into: string): void {
    mkdirSync(into, { recursive: true });
    for (const name of names) {
        const calls = join(dir, name, 'calls');
        if (existsSync(calls)) cpSync(calls, join(into, `${name}.calls`));
    }
}

interface Network {
    subnet: string;
    /** Makes the host's network namespace; returns its name. */
    namespace(i: number, host: string, address: string): Promise<string>;
}

/** A bridge with the rig's /24 in the root namespace; hosts get a veth into it. */
async function makeNetwork(count: number, undo: Undo[]): Promise<Network> {
    const id = Math.random().toString(36).slice(2, 6).padEnd(4, '0');
    const subnet = await freeSubnet();
    const bridge = `dtb${id}`;
    await ip('link', 'add', bridge, 'type', 'bridge');
    undo.push(() => ip('link', 'del', bridge));
    await ip('addr', 'add', `${subnet}.1/24`, 'dev', bridge);
    await ip('link', 'set', bridge, 'up');
    if (count > 8) throw new Error('too many hosts');
    return {
        subnet,
        async namespace(i, host, address) {
            const ns = `drbdt-${id}-${host}`;
            await ip('netns', 'add', ns);
            undo.push(async () => {
                await stopPids((await execFileP('ip', ['netns', 'pids', ns]).catch(() => ({ stdout: '' }))).stdout.split('\n').filter(Boolean).map(Number));
                await ip('netns', 'del', ns);
            });
            const veth = `dtv${id}${i}`;
            await ip('link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
            undo.push(() => ip('link', 'del', veth).catch(() => undefined));
            await ip('link', 'set', veth, 'master', bridge, 'up');
            await ip('-n', ns, 'link', 'set', 'lo', 'up');
            await ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0');
            await ip('-n', ns, 'link', 'set', 'eth0', 'up');
            return ns;
        },
    };
}

/** A 10.x.y.0/24 that no route or address of this machine covers (except the default route). */
async function freeSubnet(): Promise<string> {
    const addrs = (await execFileP('ip', ['-4', '-o', 'addr'])).stdout;
    for (let t = 0; t < 20; t++) {
        const subnet = `10.${100 + rand(100)}.${rand(256)}`;
        const routes = (await execFileP('ip', ['-4', 'route', 'show', 'match', `${subnet}.1`])).stdout;
        if (routes.split('\n').every((l) => l === '' || l.startsWith('default')) && !addrs.includes(`inet ${subnet}.`)) return subnet;
    }
    throw new Error('no free 10.x.y.0/24 found');
}

async function startSshd(hd: string, ns: string | undefined, undo: Undo[]): Promise<number> {
    const log = openSync(join(hd, 'sshd.log'), 'a');
    // ip netns exec, unshare (no --fork) and init.sh's last line all exec: the PID ends up as sshd's.
    const argv = [...(ns ? ['ip', 'netns', 'exec', ns] : []), 'unshare', '--uts', '--mount', '--propagation', 'private', '/bin/sh', join(hd, 'init.sh')];
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start sshd for ${hd}`);
    child.unref();
    let exited = false;
    child.on('exit', () => (exited = true));
    let uts: string | undefined;
    undo.push(async () => {
        // First the listener (only if that PID is still ours), then the sessions and what they started.
        const cmd = alive(pid) ? cmdline(pid) : '';
        if (cmd.includes(join(hd, 'sshd_config')) || cmd.includes(join(hd, 'init.sh'))) await stopPids([pid]);
        if (uts) await stopPids(pidsInUts(uts));
    });
    // sshd writes its PidFile once it listens: the readiness signal (at most 5 s).
    for (let t = 0; t < 100 && !exited; t++) {
        if (existsSync(join(hd, 'sshd.pid')) && readFileSync(join(hd, 'sshd.pid'), 'utf8').trim() === String(pid)) break;
        await sleep(50);
    }
    if (exited || !alive(pid)) throw new Error(`sshd for ${hd} did not start:\n${readFileSync(join(hd, 'sshd.log'), 'utf8').slice(-800)}`);
    if (!existsSync(join(hd, 'sshd.pid'))) throw new Error(`sshd for ${hd} did not become ready in 5 s`);
    uts = readlinkSync(`/proc/${pid}/ns/uts`);
    return pid;
}

function pidsInUts(uts: string): number[] {
    if (readlinkSync('/proc/self/ns/uts') === uts) return [];
    return readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .filter((p) => {
            try {
                return readlinkSync(`/proc/${p}/ns/uts`) === uts;
            } catch {
                return false;
            }
        })
        .map(Number);
}

function sshdConfig(hd: string, dir: string, address: string, port: number): string {
    return `ListenAddress ${address}:${port}
HostKey ${join(hd, 'host_key')}
PidFile ${join(hd, 'sshd.pid')}
AuthorizedKeysFile ${join(dir, 'client', 'authorized_keys')}
AuthenticationMethods publickey
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
# No PAM in a sandbox; the keys live under /tmp, which StrictModes would reject.
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
X11Forwarding no
MaxStartups 64:30:128
MaxSessions 32
LogLevel VERBOSE
SetEnv DRBD_DRIVER_VERSION_OVERRIDE=${KERNEL_VERSION}
`;
}

/** Runs in the host's new namespaces, then becomes its sshd. */
function initScript(name: string, hd: string, home: string, drbdadm: string): string {
    const bind = (from: string, to: string) => `mount --bind '${from}' '${to}'`;
    return [
        '#!/bin/sh',
        'set -e',
        `hostname '${name}'`,
        'mount -t tmpfs -o mode=0755,size=8m drbdt-run /run',
        'mkdir -m 0755 /run/sshd',
        'mkdir -m 0700 /run/drbd',
        // /etc as an overlay whose upper layer is HD/etc: /etc/drbd.conf is HD/etc/drbd.conf, and
        // can be replaced by rename (a bind-mounted file could not: EBUSY), as Apply does.
        `mount -t overlay drbdt-etc -o 'lowerdir=/etc,upperdir=${join(hd, 'etc')},workdir=${join(hd, 'etc-work')}' /etc`,
        bind(join(hd, 'etc', 'drbd.d'), '/etc/drbd.d'),
        bind(join(hd, 'shim'), '/usr/sbin/drbdsetup'),
        bind(join(hd, 'shim'), '/usr/sbin/drbdmeta'),
        ...(drbdadm === '/usr/sbin/drbdadm' ? [] : [bind(drbdadm, '/usr/sbin/drbdadm')]),
        bind(join(hd, 'home'), home),
        ...['wtmp', 'btmp', 'lastlog'].map((f) => `[ ! -e /var/log/${f} ] || ${bind(join(hd, f), `/var/log/${f}`)}`),
        `exec /usr/sbin/sshd -D -f '${join(hd, 'sshd_config')}' -E '${join(hd, 'sshd.log')}'`,
        '',
    ].join('\n');
}

async function keygen(path: string, comment: string): Promise<void> {
    await execFileP('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path], { timeout: 5000 });
}

/** "TYPE BASE64" of a public key file. */
function publicKey(file: string): string {
    return readFileSync(file, 'utf8').split(' ').slice(0, 2).join(' ');
}

function knownHostsName(address: string, port: number): string {
    return port === 22 ? address : `[${address}]:${port}`;
}

async function ip(...args: string[]): Promise<void> {
    await execFileP('ip', args, { timeout: 5000 });
}

function cmdline(pid: number): string {
    try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
        return '';
    }
}

function alive(pid: number): boolean {
    try {
        return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
        return false;
    }
}

/** SIGTERM, up to 3 s, then SIGKILL. A zombie counts as gone. */
async function stopPids(pids: number[]): Promise<void> {
    const signal = (s: NodeJS.Signals) => pids.forEach((p) => {
        try {
            process.kill(p, s);
        } catch {
            /* already gone */
        }
    });
    if (pids.length === 0) return;
    signal('SIGTERM');
    for (let t = 0; t < 30 && pids.some(alive); t++) await sleep(100);
    if (pids.some(alive)) signal('SIGKILL');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rand = (n: number) => Math.floor(Math.random() * n);
