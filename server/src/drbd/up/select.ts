/**
 * Which resources `drbdadm up|down RES…|all` works on, and its refusals (drbdadm_main.c main()
 * and ctx_by_name): `all` takes the resources this host takes part in (stacked ones only in
 * stacked mode); named resources must exist and not be ignored here.
 */
import type { Config, Resource, Volume } from '../model.js';
import { atLeast, type ReleaseVersion } from '../release.js';

export const E_USAGE = 1;
export const E_CONFIG_INVALID = 10;

export interface SelectOptions {
    command: 'up' | 'down';
    /** drbdadm -S: `all` means the stacked resources. */
    stacked?: boolean;
    /** Whether a resource has a connection in use on this host (naming it twice is refused then). */
    hasActiveConnection: (res: Resource) => boolean;
    /** drbdadm's errors while finding the peers of a named resource (they make the config invalid). */
    peerErrors: (res: Resource) => string;
}

export interface Selection {
    /**
     * In command-line (or file) order; a resource named twice appears twice. With a refusal:
     * the named resources drbdadm handled before it (commands that are not deferred ran).
     */
    resources: Resource[];
    /** Set when drbdadm refuses (then exits without running its deferred commands). */
    exitCode: number;
    stderr: string;
    /** The exit status drbdadm ends with at least although it goes on (a name it skipped). */
    skipped?: number;
}

export function selectResources(config: Config, hostname: string, selection: readonly string[] | 'all', opts: SelectOptions): Selection {
    if (config.resources.length === 0) return refuse('no resources defined!\n', E_USAGE);
    return selection === 'all' || selection[0] === 'all' ? selectAll(config, hostname, !!opts.stacked) : selectNamed(config, selection, opts, config.release);
}

function refuse(stderr: string, exitCode: number, handled: Resource[] = []): Selection {
    return { resources: handled, exitCode, stderr };
}

function selectAll(config: Config, hostname: string, stacked: boolean): Selection {
    const ignored = config.resources.filter((r) => r.ignore).length;
    const normal = config.resources.filter((r) => !r.ignore && !r.stacked).length;
    const stackedCount = config.resources.length - ignored - normal;
    if (!stacked && normal === 0) {
        const hint = ignored > 0 ? "Misspelled name of the local machine with the 'on' keyword ?\n" : '';
        return refuse(`WARN: no normal resources defined for this host (${hostname})!?\n${hint}`, E_USAGE);
    }
    if (stacked && stackedCount === 0)
        return refuse(`WARN: nothing stacked for this host (${hostname}), nothing to do in stacked mode!\n`, E_USAGE);
    return { resources: config.resources.filter((r) => !r.ignore && !!r.stacked === stacked), exitCode: 0, stderr: '' };
}

/** ctx_by_name's resource part: exact name, and only if this host takes part. */
function byName(config: Config, name: string): Resource | undefined {
    const resName = name.split('/')[0].split(':')[0];
    const res = config.resources.find((r) => r.name === resName);
    return res && !res.ignore ? res : undefined;
}

/** ctx_by_minor: `minor-N` names a volume of a resource this host takes part in. */
function byMinor(config: Config, name: string): { res: Resource; vol: Volume } | undefined {
    const m = /^minor-(\d+)$/.exec(name);
    if (!m) return undefined;
    for (const res of config.resources) {
        if (res.ignore || !res.me) continue;
        const vol = res.me.volumes.find((v) => v.deviceMinor === Number(m[1]));
        if (vol) return { res, vol };
    }
    return undefined;
}

function selectNamed(config: Config, names: readonly string[], opts: SelectOptions, release: ReleaseVersion): Selection {
    // drbdadm first resolves every name once to refuse enabling a connection twice. Until 9.32.0
    // its context keeps the last resource found, which later hides an unknown name behind a bare
    // exit 1; since then ctx_by_name()/ctx_by_minor() start from an empty context, and main()
    // reports the unknown name, goes on with the others and exits 1 at the end.
    const resetsContext = atLeast(release, '9.32.0');
    let skipped = 0;
    let current: Resource | undefined;
    let stderr = '';
    const seen = new Set<Resource>();
    for (const name of names) {
        const res = byName(config, name);
        if (!res) continue;
        current = res;
        stderr += opts.peerErrors(res);
        const plain = !name.includes('/') && !name.includes(':');
        if (plain && seen.has(res) && opts.hasActiveConnection(res))
            return refuse(`${stderr}USAGE_BUG: ${name} would enable an already enabled connection\n`, E_USAGE);
        if (plain) seen.add(res);
    }
    const invalid = stderr !== '';
    const resources: Resource[] = [];
    for (const name of names) {
        const res = byName(config, name);
        let vol: Volume | undefined;
        if (resetsContext) current = undefined;
        if (res) {
            current = res;
            const vnr = name.includes('/') ? Number(name.slice(name.lastIndexOf('/') + 1)) : undefined;
            vol = vnr === undefined ? undefined : res.me?.volumes.find((v) => v.vnr === vnr);
            if (vnr !== undefined && !vol) {
                // main() since 9.32.0: a context with a resource but a failed look-up is "unexpected".
                const unexpected = resetsContext ? `'${name}' unexpected ctx_by_* result r=-2\n` : '';
                return refuse(`${stderr}Resource '${res.name}' has no volume ${vnr}\n${unexpected}`, E_USAGE, resources);
            }
        } else if (current) {
            return refuse(stderr, E_USAGE, resources);
        } else {
            const found = byMinor(config, name);
            if (!found && resetsContext) {
                stderr += `'${name}' not defined in your config (for this host).\n`;
                skipped = E_USAGE;
                continue;
            }
            if (!found) return refuse(`${stderr}'${name}' not defined in your config (for this host).\n`, E_USAGE, resources);
            current = found.res;
            vol = found.vol;
        }
        if (vol && !vol.implicit)
            return refuse(`${stderr}${opts.command} operates on whole resources, but you specified a specific volume!\n`, E_USAGE, resources);
        if (invalid) return refuse(stderr, E_CONFIG_INVALID, resources);
        resources.push(current);
    }
    return { resources, exitCode: 0, stderr, skipped };
}
