import { buildConfig, type BuildOptions, type ConfigFile, type ConfigSource } from './build/build-config.js';
import { localKernelModuleVersion } from '../drbd/kernel-version.js';
import { diskSource } from './load-config.js';
import type { Config, Diagnostic } from '../drbd/model.js';
import { postParse } from '../drbd/post-parse/index.js';
import { ReplayMismatch } from './build/post-parse-cache.js';

/** A host name no `on` section matches: what `check` and the editor read the config as. */
export const NO_HOST = '(none)';

export interface AnalyzeOptions extends BuildOptions {
    /** `command`: check as `drbdadm up` would (stricter); `dump` (default) as `drbdadm dump all`. */
    mode?: 'dump' | 'command';
}

export interface Analysis {
    config: Config;
    /** All findings: those of parsing, then those of post-parse. */
    diagnostics: Diagnostic[];
    parseDiagnostics: Diagnostic[];
    postParseDiagnostics: Diagnostic[];
    /** drbdadm's exit status after parsing and post-parse (0 when the config is valid). */
    exitCode: number;
    files: ConfigFile[];
    /** Post-parse ran (drbdadm itself only gets there when parsing found no error at all). */
    postParsed: boolean;
}

/**
 * The whole read of a configuration as drbdadm does it: parse (with includes) and parse-time
 * checks, then — only if those passed, like drbdadm — post-parse, inheritance and validation.
 */
export function analyzeConfig(mainFile: string, options: AnalyzeOptions = {}, source: ConfigSource = diskSource): Analysis {
    // A resource whose post-parse replay met another state (options.cache) is run the next time.
    for (let attempt = 0; attempt < REPLAY_ATTEMPTS; attempt++) {
        try {
            return analyzeOnce(mainFile, options, source, true);
        } catch (e) {
            if (!(e instanceof ReplayMismatch)) throw e;
        }
    }
    return analyzeOnce(mainFile, options, source, false);
}

/** Analyses that may replay post-parse steps: an edit that changes many resources' state ends up running everything. */
const REPLAY_ATTEMPTS = 3;

function analyzeOnce(mainFile: string, options: AnalyzeOptions, source: ConfigSource, replaying: boolean): Analysis {
    const hostname = options.hostname ?? NO_HOST;
    const kernelVersion = options.kernelVersion ?? localKernelModuleVersion();
    const built = buildConfig(mainFile, source, { ...options, hostname, kernelVersion });
    // drbdadm would stop after parsing when it found any error; we go on to post-parse unless it
    // stopped in the middle, to show the whole picture (the verdict stays drbdadm's).
    if (built.stopped) {
        return {
            config: built.config, diagnostics: built.diagnostics, parseDiagnostics: built.diagnostics, postParseDiagnostics: [],
            exitCode: built.exitCode, files: built.files, postParsed: false,
        };
    }
    const post = postParse(built.config, { hostname, mode: options.mode, uniq: built.uniq, steps: options.cache?.postParse.steps(replaying) });
    return {
        config: built.config,
        diagnostics: [...built.diagnostics, ...post.diagnostics],
        parseDiagnostics: built.diagnostics,
        postParseDiagnostics: post.diagnostics,
        exitCode: built.exitCode || post.exitCode,
        files: built.files,
        postParsed: true,
    };
}
