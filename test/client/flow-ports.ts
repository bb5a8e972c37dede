/** UpFlowPorts that record what the flow shows, asks and logs; the answers are the test's. */
import type { UpPlanResult } from '../../common/src/protocol.js';
import type { PreflightReport } from '../../common/src/remote/preflight.js';
import type { Confirmation } from '../../client/src/report-text.js';
import type { LogLine } from '../../client/src/run-log.js';
import type { Notice, Remote, UpFlowPorts } from '../../client/src/up-flow.js';
import type { PreviewInput } from '../../client/src/plan-preview.js';

export interface Recorded {
    previews: Omit<PreviewInput, 'reveal'>[];
    progress: string[];
    confirms: Confirmation[];
    logs: LogLine[];
    notices: Notice[];
    opened: number;
    closed: number;
}

export interface FakeOptions {
    /** The server's plans; a function is also asked for each host's re-plan as its own release (`as`). */
    plan: UpPlanResult | ((as?: { host: string; release: string }) => Promise<UpPlanResult>);
    remote?: () => Promise<Remote>;
    answer?: boolean;
    trusted?: boolean;
    warnings?: string[];
    hosts?: Record<string, string>;
    /** Called with each progress task's controller (to cancel from the test). */
    onProgress?: (title: string, abort: AbortController) => void;
}

export function fakePorts(o: FakeOptions): { ports: UpFlowPorts; rec: Recorded } {
    const rec: Recorded = { previews: [], progress: [], confirms: [], logs: [], notices: [], opened: 0, closed: 0 };
    const ports: UpFlowPorts = {
        workspaceTrusted: o.trusted ?? true,
        ssh: { settings: o.hosts ? { hosts: o.hosts } : {}, warnings: o.warnings ?? [] },
        requestPlan: async (_target, _verb, as) => (typeof o.plan === 'function' ? o.plan(as) : o.plan),
        showPreview: (input) => void rec.previews.push(input),
        openRemote: async () => {
            rec.opened++;
            const remote = await (o.remote ?? unusedRemote)();
            return {
                ...remote,
                close: async () => {
                    rec.closed++;
                    await remote.close();
                },
            };
        },
        progress: (title, task) => {
            rec.progress.push(title);
            const abort = new AbortController();
            o.onProgress?.(title, abort);
            return task(abort.signal, (m) => rec.progress.push(`  ${m}`));
        },
        confirm: async (q) => {
            rec.confirms.push(q);
            return o.answer ?? false;
        },
        log: (l) => void rec.logs.push(l),
        notify: (n) => void rec.notices.push(n),
    };
    return { ports, rec };
}

async function unusedRemote(): Promise<Remote> {
    throw new Error('this test does not reach the hosts');
}

/** A remote whose preflight says `ok` for every host and whose run succeeds (no ssh). */
export function scriptedRemote(ok: (host: string) => boolean): () => Promise<Remote> {
    return async () => ({
        preflight: async (verb, plans): Promise<PreflightReport> => {
            const hosts = plans.map((p) => ({
                host: p.host, destination: p.host, ok: ok(p.host), drift: [], durationMs: 1,
                problems: ok(p.host) ? [] : [{ check: 'hostname' as const, message: `${p.host} calls itself 'other'` }],
            }));
            return { verb, plans, namingProblems: [], hosts, ok: hosts.every((h) => h.ok) };
        },
        run: async (report) => ({
            hosts: report.plans.map((p) => ({ host: p.host, destination: p.host, status: 'ok' as const, otherOutput: '', steps: p.steps.map((step) => ({ step, status: 'ok' as const, stdout: '', stderr: '' })) })),
            ok: true,
            cancelled: false,
        }),
        close: async () => undefined,
    });
}
