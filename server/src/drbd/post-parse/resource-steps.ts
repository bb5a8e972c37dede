/**
 * How postParse runs the steps it takes per resource. drbdadm runs them all, and so do the CLI
 * and the planners; the language server re-runs a configuration at every keystroke and replays
 * the steps of the resources an edit left alone (reader/build/post-parse-cache.ts).
 */
import type { Resource } from '../model.js';
import type { PostParseContext } from './context.js';

/**
 * A step of one resource: it reports into the context it is given, and may ask what drbdadm's
 * config_valid was when the step started (`validAtStart`: only where it matters, the answer is a
 * dependence of the step). Module-level functions, not closures: thousands of steps are replayed
 * at every keystroke.
 */
export type ResourceStep = (ctx: PostParseContext, res: Resource, validAtStart: () => boolean) => void;

export interface ResourceSteps {
    /** Before the first step: may put other objects in place of `ctx.config.resources`' entries (by index). */
    begin(ctx: PostParseContext): void;
    /** Step `name` of `res`. */
    step(ctx: PostParseContext, res: Resource, name: string, run: ResourceStep): void;
    /** After the last step. */
    end(ctx: PostParseContext): void;
}

/** Every step run, on the config's own resources. */
export const RUN_EVERY_STEP: ResourceSteps = {
    begin() {},
    step(ctx, res, _name, run) {
        const valid = ctx.report.valid;
        run(ctx, res, () => valid);
    },
    end() {},
};
