import { analyzeConfig } from '../reader/analyze.js';
import type { ConfigInput } from './config-input.js';
import type { TargetRelease } from './target-release.js';
import { drbdadmMessages } from './drbdadm-messages.js';
import { displayPath, formatJson, formatSarif, formatText, type ReportFormat } from './report-formats.js';

export interface Output {
    write(chunk: string): unknown;
}

/**
 * `drbdconf check`: drbdadm's verdict on the config (as `drbdadm dump all` on a host that has
 * none of its sections) as diagnostics. Exit 0 without errors, 1 with errors. The text is what
 * drbdadm prints (up to its first fatal error); json and sarif have every finding, as the editor.
 */
export function checkCommand(input: ConfigInput, format: ReportFormat, cwd: string, version: string, target: TargetRelease, out: Output): number {
    const analysis = analyzeConfig(input.mainFile, { release: target.release }, input.source);
    const diagnostics = [...analysis.diagnostics].sort((a, b) => (a.loc.file === b.loc.file ? a.loc.startLine - b.loc.startLine || a.loc.startChar - b.loc.startChar : 0));
    out.write(format === 'json' ? formatJson(diagnostics, cwd, target) : format === 'sarif' ? formatSarif(diagnostics, cwd, version) : formatText(drbdadmMessages(analysis, input.shownAs ?? displayPath(input.mainFile, cwd))));
    return analysis.exitCode === 0 && !diagnostics.some((d) => d.severity === 'error') ? 0 : 1;
}
