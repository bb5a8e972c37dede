/** What every post-parse step gets: the config, the report, and the pieces of drbdadm state they share. */
import type { Config, Resource } from '../model.js';
import { atLeast } from '../release.js';
import type { DrbdadmLine, Report } from './report.js';
import type { ThisHost } from './this-host.js';
import type { UniqChecks } from './uniq.js';
import type { VolumeLines } from './volumes.js';

export interface PostParseContext {
    config: Config;
    report: Report;
    /** The global uniqueness table (only checked during the steps: they may be recorded and replayed). */
    uniq: UniqChecks;
    thisHost: ThisHost;
    lines: VolumeLines;
    /**
     * drbdadm's `config_file:line` once parsing is done (main file, line counter at its end).
     * Asked for only where a message prints it: a cache of post-parse notes who asked.
     */
    mainEnd: () => DrbdadmLine | undefined;
    /** Commands other than dump expand options and convert resync-after (drbdadm: !is_dump). */
    expand: boolean;
    /** drbdadm run from a script: some checks only warn (resync-after, stacked volume sets). */
    noTty: boolean;
    /** Resources by name, in config order (built on first use: names are looked up per reference). */
    byName?: Map<string, Resource[]>;
}

/** The resources named `name`, in config order (more than one only in an invalid config). */
export function resourcesNamed(ctx: PostParseContext, name: string): readonly Resource[] {
    if (!ctx.byName) {
        ctx.byName = new Map();
        for (const res of ctx.config.resources) {
            const list = ctx.byName.get(res.name);
            if (list) list.push(res);
            else ctx.byName.set(res.name, [res]);
        }
    }
    return ctx.byName.get(name) ?? [];
}

/**
 * The `FILE:LINE` of some post-parse messages about a resource: the main file at its end up to
 * 9.27; since 9.28.0 the resource's own file and first line (drbdadm_postparse.c, commit
 * "postparse: improve file:line: error message reporting").
 */
export function resourceLine(ctx: PostParseContext, res: Resource): DrbdadmLine | undefined {
    return atLeast(ctx.config.release, '9.28.0') ? { file: res.loc.file, line: res.loc.line } : ctx.mainEnd();
}

/** The file of messages that print an endpoint's line: the main file up to 9.27, the resource's since 9.28.0. */
export function endpointFile(ctx: PostParseContext, res: Resource): string {
    return atLeast(ctx.config.release, '9.28.0') ? res.loc.file : ctx.config.mainFile;
}
