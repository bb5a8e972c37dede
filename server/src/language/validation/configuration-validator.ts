import type { ValidationAcceptor } from 'langium';
import type { Analysis } from '../../drbd/analyze.js';
import type { Diagnostic } from '../../drbd/model.js';
import type { DrbdFile } from '../generated/ast.js';
import type { DrbdServices } from '../drbd-module.js';
import type { DrbdConfigurations } from '../workspace/drbd-configurations.js';

/**
 * drbdadm's checks, as diagnostics on this file: the parse-time checks of the builder and the
 * post-parse checks (the analysis runs once per configuration and build; each file takes the
 * findings that point into it). The parser's own syntax errors are reported by Langium.
 */
export class ConfigurationValidator {
    private readonly configurations: DrbdConfigurations;

    constructor(services: DrbdServices) {
        this.configurations = services.drbd.Configurations;
    }

    /** Parse-time checks: option names and values, duplicates, ranges, device names, includes. */
    checkParseTime(file: DrbdFile, accept: ValidationAcceptor): void {
        this.report(file, accept, (a) => a.parseDiagnostics.filter((d) => d.code !== 'syntax'));
    }

    /** Post-parse checks: hosts, connections, node-ids, volumes, addresses, inheritance. */
    checkPostParse(file: DrbdFile, accept: ValidationAcceptor): void {
        this.report(file, accept, (a) => a.postParseDiagnostics);
    }

    private report(file: DrbdFile, accept: ValidationAcceptor, which: (analysis: Analysis) => Diagnostic[]): void {
        const document = file.$document;
        if (!document) return;
        const path = document.uri.fsPath;
        const seen = new Set<string>();
        for (const analysis of this.configurations.analysesOf(document)) {
            for (const d of which(analysis)) {
                if (d.loc.file !== path || d.drbdadmEcho) continue;
                const key = `${d.loc.startLine}:${d.loc.startChar}:${d.message}`;
                if (seen.has(key)) continue;
                seen.add(key);
                const range = { start: { line: d.loc.startLine, character: d.loc.startChar }, end: { line: d.loc.endLine, character: d.loc.endChar } };
                accept(d.severity, d.message, { node: file, range, code: d.code });
            }
        }
    }
}
