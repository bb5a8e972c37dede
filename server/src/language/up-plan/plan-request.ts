import { URI } from 'langium';
import { analyzeConfig } from '../../drbd/analyze.js';
import type { Loc, Resource } from '../../drbd/model.js';
import { planDown } from '../../drbd/up/down.js';
import { shellEscapeBytes } from '../../drbd/up/dry-run-render.js';
import { kernelRequest } from '../../drbd/up/kernel-request.js';
import type { PlanStep } from '../../drbd/up/plan.js';
import { planUp } from '../../drbd/up/plan-up.js';
import type { UpPlanParams, UpPlanResult, UpPlanStep } from '../../protocol.js';
import type { DrbdConfigurations } from '../workspace/drbd-configurations.js';

/**
 * `drbd/upPlan`: for every host of the resource, what `drbdadm up|down RES` would run there.
 * Each host is planned as drbdadm plans it when running on that host: post-parse depends on
 * which section is "this host".
 */
export function upPlan(configurations: DrbdConfigurations, params: UpPlanParams): UpPlanResult {
    const path = URI.parse(params.uri).fsPath;
    const mainFile = configurations.mainFilesOf(path)[0] ?? path;
    const source = configurations.currentSource();
    const overview = analyzeConfig(mainFile, {}, source);
    const configErrors = overview.diagnostics.filter((d) => d.severity === 'error' && !d.drbdadmEcho).map((d) => `${d.loc.file}:${d.loc.line}: ${d.message}`);
    const selection = params.resource === 'all' ? 'all' : [params.resource];
    const resources = overview.config.resources.filter((r) => selection === 'all' || r.name === params.resource);
    const hosts = params.host ? [params.host] : hostsOf(resources);
    const plan = params.verb === 'down' ? planDown : planUp;
    return {
        mainFile,
        configErrors,
        hosts: hosts.map((host) => {
            const analysis = analyzeConfig(mainFile, { hostname: host, mode: 'command' }, source);
            const hostPlan = plan(analysis.config, host, selection);
            return { ...hostPlan, steps: hostPlan.steps.map(toProtocolStep) };
        }),
    };
}

/** The hosts that take part in these resources: the first name of each `on` section. */
function hostsOf(resources: readonly Resource[]): string[] {
    const names = resources.flatMap((r) => r.allHosts.filter((h) => h.kind === 'on' && h.onHosts[0]).map((h) => h.onHosts[0]!));
    return [...new Set(names)];
}

function toProtocolStep(step: PlanStep): UpPlanStep {
    const { loc, ...rest } = step;
    return {
        ...rest,
        command: step.argv.map((a) => shellEscapeBytes(a).toString('utf8')).join(' '),
        location: loc ? lspLocation(loc) : undefined,
        kernel: kernelRequest(step),
    };
}

function lspLocation(loc: Loc): UpPlanStep['location'] {
    return {
        uri: URI.file(loc.file).toString(),
        range: { start: { line: loc.startLine, character: loc.startChar }, end: { line: loc.endLine, character: loc.endChar } },
    };
}
