/**
 * The progress notification's message while Up/Down runs: the hosts still working, each with the
 * step it is on, then the hosts that are through ("alpha: 3/8 drbdsetup attach (beta done)").
 * A finished host is never shown as current: a slow host is the one the message names.
 */
import type { RunEvent } from '../../common/src/remote/run.js';

interface HostState {
    total: number;
    /** The step that started last (its index), -1 before the first. */
    current: number;
    argv: readonly string[];
    ended: number;
    failed: boolean;
}

export class RunProgress {
    private readonly hosts = new Map<string, HostState>();

    /** `totals`: each host's number of steps, in the order the hosts are shown. */
    constructor(totals: ReadonlyMap<string, number>) {
        for (const [host, total] of totals) this.hosts.set(host, { total, current: -1, argv: [], ended: 0, failed: false });
    }

    take(e: RunEvent): void {
        const h = this.hosts.get(e.host);
        if (!h || e.index < 0) return;
        if (e.kind === 'step-start') Object.assign(h, { current: e.index, argv: e.step.argv });
        else if (e.kind === 'step-end' || e.kind === 'step-skipped') {
            h.ended++;
            if (e.kind === 'step-end' && e.status !== 'ok') h.failed = true;
        }
    }

    text(): string {
        const working: string[] = [];
        const through = { done: [] as string[], FAILED: [] as string[] };
        for (const [host, h] of this.hosts) {
            if (h.failed) through.FAILED.push(host);
            else if (h.ended >= h.total) through.done.push(host);
            else working.push(h.current < 0 ? `${host}: starting` : `${host}: ${h.current + 1}/${h.total} ${h.argv.slice(0, 2).join(' ')}`);
        }
        const finished = Object.entries(through).filter(([, hosts]) => hosts.length > 0).map(([what, hosts]) => `${hosts.join(', ')} ${what}`);
        if (working.length === 0) return finished.join('; ');
        return finished.length > 0 ? `${working.join('; ')} (${finished.join('; ')})` : working.join('; ');
    }
}
