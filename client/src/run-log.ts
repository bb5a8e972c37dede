/**
 * Live run events as output-channel lines, each tagged with its host (the channel adds the
 * timestamp): a step's command when it starts, the host's output a whole line at a time, the
 * step's result, each with its step number. Everything passes through the mask.
 */
import type { RunEvent } from '../../common/src/remote/run.js';
import { formatMasked } from '../../common/src/remote/secrets.js';
import type { Mask } from './report-text.js';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogLine {
    level: LogLevel;
    text: string;
}

export class RunLog {
    /** Unfinished output line per host and stream. */
    private readonly partial = new Map<string, string>();

    constructor(private readonly mask: Mask) {}

    lines(e: RunEvent): LogLine[] {
        // The runner emits a host's events in the order they happened; the step number still
        // ties each line to its command when hosts' lines interleave.
        const tag = e.index >= 0 ? `[${e.host}] #${e.index + 1}` : `[${e.host}]`;
        switch (e.kind) {
            case 'step-start':
                return [{ level: 'info', text: `${tag} $ ${formatMasked(e.step.argv)}` }];
            case 'output': {
                const key = `${e.host}\0${e.stream}`;
                const parts = ((this.partial.get(key) ?? '') + e.text).split('\n');
                this.partial.set(key, parts.pop()!);
                return parts.map((l) => this.output(tag, e.stream, l));
            }
            case 'step-end': {
                const rest = this.flush(e.host, tag);
                const ok = e.status === 'ok';
                const text = `${tag} ${ok ? 'ok' : e.status.toUpperCase()} (exit ${e.exitCode ?? '-'}, ${e.durationMs} ms)${e.message ? `: ${this.mask(e.message)}` : ''}`;
                return [...rest, { level: ok ? 'info' : 'error', text }];
            }
            case 'step-skipped':
                return [...this.flush(e.host, tag), { level: 'warn', text: `${tag} - ${formatMasked(e.step.argv)}: ${this.mask(e.reason)}` }];
        }
    }

    private output(tag: string, stream: 'stdout' | 'stderr', line: string): LogLine {
        return { level: stream === 'stderr' ? 'warn' : 'info', text: `${tag} ${stream === 'stderr' ? '!' : '|'} ${this.mask(line)}` };
    }

    private flush(host: string, tag: string): LogLine[] {
        const out: LogLine[] = [];
        for (const stream of ['stdout', 'stderr'] as const) {
            const key = `${host}\0${stream}`;
            const rest = this.partial.get(key);
            if (rest) out.push(this.output(tag, stream, rest));
            this.partial.delete(key);
        }
        return out;
    }
}
