/** What every post-parse step gets: the config, the report, and the pieces of drbdadm state they share. */
import type { Config } from '../model.js';
import type { DrbdadmLine, Report } from './report.js';
import type { ThisHost } from './this-host.js';
import type { UniqTable } from './uniq.js';
import type { VolumeLines } from './volumes.js';

export interface PostParseContext {
    config: Config;
    report: Report;
    uniq: UniqTable;
    thisHost: ThisHost;
    lines: VolumeLines;
    /** drbdadm's `config_file:line` once parsing is done (main file, line counter at its end). */
    mainEnd?: DrbdadmLine;
    /** Commands other than dump expand options and convert resync-after (drbdadm: !is_dump). */
    expand: boolean;
    /** drbdadm run from a script: some checks only warn (resync-after, stacked volume sets). */
    noTty: boolean;
}
