import type { ValidationAcceptor } from 'langium';
import type { DrbdFile } from '../../syntax/generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';
import type { DrbdConfigurations } from '../workspace/drbd-configurations.js';
import { FollowOnErrors } from './follow-on-errors.js';
import { rangeOf } from '../lsp/node-ranges.js';

/**
 * drbdadm's checks, as diagnostics on this file: the parse-time checks of the builder and the
 * post-parse checks (the analysis runs once per configuration and build; each file takes the
 * findings that point into it). The parser's own syntax errors are reported by Langium; what only
 * follows from one of them is left out (FollowOnErrors).
 */
export class ConfigurationValidator {
    private readonly configurations: DrbdConfigurations;

    constructor(services: DrbdServices) {
        this.configurations = services.drbd.Configurations;
    }

    /** Option names and values, duplicates, ranges, device names, includes; then hosts, connections, node-ids, volumes, addresses, inheritance. */
    check(file: DrbdFile, accept: ValidationAcceptor): void {
        const document = file.$document;
        if (!document) return;
        const followOn = new FollowOnErrors(document.parseResult);
        for (const d of this.configurations.findingsOf(document)) {
            if (followOn.follows(d, document)) continue;
            const range = rangeOf(d.loc);
            // A finding's `data` (e.g. the releases that have an option) comes back with code action requests.
            accept(d.severity, d.message, { node: file, range, code: d.code, ...('data' in d ? { data: d.data } : {}) });
        }
    }
}
