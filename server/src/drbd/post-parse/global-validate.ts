/**
 * The validation drbdadm runs before any command (global_validate_maybe_expand_die_if_invalid).
 * drbdadm exits at the first invalid resource; we validate them all.
 */
import type { PostParseContext } from './context.js';
import { convertResyncAfter, validateResource } from './validate-resource.js';

export function globalValidate(ctx: PostParseContext): void {
    for (const res of ctx.config.resources) {
        validateResource(ctx, res);
        if (ctx.expand) convertResyncAfter(ctx, res);
    }
}
