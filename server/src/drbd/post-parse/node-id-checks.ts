/**
 * Every host section needs a node-id after post-parse; drbdadm derives them only in narrow cases,
 * which the hints here spell out (behaviour §7: a 3-host mesh without ids, explicit connections,
 * node-id 32).
 */
import type { Resource } from '../model.js';
import type { PostParseContext } from './context.js';
import { keywordMissing } from './volumes.js';

export function reportMissingNodeIds(ctx: PostParseContext, res: Resource): void {
    const missing = res.allHosts.filter((h) => h.nodeId === undefined);
    for (const host of missing) keywordMissing(ctx.report, res, host, 'node-id');
    if (!missing.length) return;
    const why = res.meshes.length
        ? 'drbdadm derives node-ids (0 and 1) only for the first pair of a connection-mesh, and only when neither of the two has a node-id'
        : res.connections.some((c) => !c.implicit)
            ? 'drbdadm derives node-ids only for the implicit connection of exactly two host sections or for a connection-mesh, never with explicit `connection` sections'
            : 'drbdadm derives node-ids only when exactly two host sections with addresses form the implicit connection';
    for (const host of missing)
        ctx.report.info('node-id/missing-why', `${why}: set \`node-id\` in every host section of resource ${res.name}.`, host.loc);
}

/** node-id 32 passes drbdadm's range check (0..32), yet DRBD numbers its nodes 0..31. */
export function nodeIdHints(ctx: PostParseContext): void {
    for (const res of ctx.config.resources)
        for (const host of res.allHosts)
            if (host.nodeId !== undefined && Number(host.nodeId) === 32)
                ctx.report.info('node-id/32',
                    'drbdadm accepts node-id 32, but DRBD supports at most 32 nodes with node-ids 0..31: use a smaller node-id.',
                    host.nodeIdLoc ?? host.loc);
}
