/**
 * Collects post-parse diagnostics and mirrors drbdadm's `config_valid` flag and its immediate
 * exits, so that postParse can tell which exit code drbdadm would have ended with.
 */
import type { DiagnosticCode } from '../diagnostic-codes.js';
import type { Diagnostic, Loc, Severity } from '../model.js';

/** Where drbdadm's `FILE:LINE:` prefix points when that is not the construct itself. */
export interface DrbdadmLine {
    file: string;
    line: number;
}

export const E_CONFIG_INVALID = 10;
export const E_EXEC_ERROR = 20;
/** abort() on a failed assert: the shell's 128 + SIGABRT. */
export const E_ABORTED = 134;

export class Report {
    readonly diagnostics: Diagnostic[] = [];
    private configValid: boolean;
    /** Set by the first check at which drbdadm exits at once (uniqueness conflict, BAD LUCK). */
    exitedWith?: number;
    /** Kept as errors are added: post-parse asks after every step of every resource. */
    private errors = 0;

    /** `valid` starts as given: a report for part of the work may start where an error was already reported. */
    constructor(valid = true) {
        this.configValid = valid;
    }

    /** drbdadm's `config_valid`: cleared by every error. */
    get valid(): boolean {
        return this.configValid;
    }

    error(code: DiagnosticCode, message: string, loc: Loc, drbdadmLine?: DrbdadmLine, data?: Diagnostic['data']): void {
        this.configValid = false;
        this.add('error', code, message, loc, drbdadmLine, data);
    }

    warning(code: DiagnosticCode, message: string, loc: Loc, drbdadmLine?: DrbdadmLine): void {
        this.add('warning', code, message, loc, drbdadmLine);
    }

    info(code: DiagnosticCode, message: string, loc: Loc, data?: Diagnostic['data']): void {
        this.add('info', code, message, loc, undefined, data);
    }

    /** A diagnostic another report collected, counted as if it had been added here. */
    adopt(d: Diagnostic): void {
        if (d.severity === 'error') {
            this.configValid = false;
            if (!d.drbdadmEcho) this.errors++;
        }
        this.diagnostics.push({ ...d });
    }

    /** drbdadm calls exit() here; later checks still run for the editor's sake. */
    exit(code: number): void {
        this.exitedWith ??= code;
        // The message drbdadm printed last before exiting: the last one not only for the editor.
        for (let i = this.diagnostics.length - 1; i >= 0; i--) {
            const d = this.diagnostics[i];
            if (d.drbdadmEcho || d.editorOnly || d.severity === 'info') continue;
            d.fatal = true;
            break;
        }
    }

    /** The errors added through this report (not counting drbdadm's echoed copies). */
    get errorCount(): number {
        return this.errors;
    }

    get exitCode(): number {
        return this.exitedWith ?? (this.valid ? 0 : E_CONFIG_INVALID);
    }

    /**
     * Some drbdadm messages carry a file/line that names no construct (the main file with the
     * line counter at its end, or the main file with a line of an included file). The
     * diagnostic sits on the construct; a copy marks the place drbdadm prints.
     */
    private add(severity: Severity, code: DiagnosticCode, message: string, loc: Loc, at?: DrbdadmLine, data?: Diagnostic['data']): void {
        if (severity === 'error') this.errors++;
        const elsewhere = at && (at.file !== loc.file || at.line !== loc.line) ? { file: at.file, line: at.line } : undefined;
        this.diagnostics.push({ loc, severity, message, code, ...(elsewhere && { drbdadmAt: elsewhere }), ...(data && { data }) });
        if (elsewhere && elsewhere.line > 0) {
            const l = elsewhere.line - 1;
            this.diagnostics.push({
                loc: { file: elsewhere.file, line: elsewhere.line, startLine: l, startChar: 0, endLine: l, endChar: 0 },
                severity, message, code, drbdadmEcho: true,
            });
        }
    }
}
