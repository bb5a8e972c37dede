import { relative, isAbsolute } from 'node:path';
import type { Diagnostic } from '../drbd/model.js';
import type { PrintedMessage } from './drbdadm-messages.js';
import type { TargetRelease } from './target-release.js';

export type ReportFormat = 'text' | 'json' | 'sarif';

/** Paths as the user gave them: relative to the working directory when below it. */
export function displayPath(file: string, cwd: string): string {
    const rel = relative(cwd, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** displayPath computed once per file: a report can have thousands of lines for one file. */
function displayPaths(cwd: string): (file: string) => string {
    const known = new Map<string, string>();
    return (file) => {
        let path = known.get(file);
        if (path === undefined) {
            path = displayPath(file, cwd);
            known.set(file, path);
        }
        return path;
    };
}

/** The diagnostics a report shows: drbdadm's, once each (echoes mark drbdadm's own line only). */
function shown(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.filter((d) => !d.drbdadmEcho);
}

/** `FILE:LINE:COL: error|warning: MESSAGE`, 1-based: what drbdadm prints, in its order, where it prints it. */
export function formatText(messages: readonly PrintedMessage[]): string {
    return messages.map((m) => `${m.file}:${m.line}:${m.column}: ${m.severity}: ${m.message}\n`).join('');
}

/**
 * `{utilsVersion, utilsVersionFrom, [utilsVersionRequested, utilsVersionHint,] diagnostics}`: the
 * release the config was read as, where that choice came from, and the findings.
 */
export function formatJson(diagnostics: readonly Diagnostic[], cwd: string, target: TargetRelease): string {
    const path = displayPaths(cwd);
    const rows = diagnostics.map((d) => ({
        file: path(d.loc.file),
        line: d.loc.line,
        column: d.loc.startChar + 1,
        endLine: d.loc.endLine + 1,
        endColumn: d.loc.endChar + 1,
        severity: d.severity,
        message: d.message,
        code: d.code,
    }));
    const release = {
        utilsVersion: target.release,
        utilsVersionFrom: target.from,
        ...(target.requested ? { utilsVersionRequested: target.requested } : {}),
        ...(target.hint ? { utilsVersionHint: target.hint } : {}),
    };
    return JSON.stringify({ ...release, diagnostics: rows }, null, 2) + '\n';
}

/** SARIF 2.1.0, for code-scanning UIs. */
export function formatSarif(diagnostics: readonly Diagnostic[], cwd: string, toolVersion: string): string {
    const rules = [...new Set(diagnostics.map((d) => d.code))].sort().map((id) => ({ id }));
    const path = displayPaths(cwd);
    const results = shown(diagnostics).map((d) => ({
        ruleId: d.code,
        level: d.severity === 'info' ? 'note' : d.severity,
        message: { text: d.message },
        locations: [{
            physicalLocation: {
                artifactLocation: { uri: path(d.loc.file) },
                region: { startLine: d.loc.line, startColumn: d.loc.startChar + 1, endLine: d.loc.endLine + 1, endColumn: d.loc.endChar + 1 },
            },
        }],
    }));
    const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'drbdconf', version: toolVersion, informationUri: 'https://github.com/LINBIT/drbd-utils', rules } }, results }],
    };
    return JSON.stringify(log, null, 2) + '\n';
}
