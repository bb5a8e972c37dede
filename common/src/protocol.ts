/**
 * The custom LSP messages between the DRBD client and server, shared by both sides.
 * (Types only: no runtime dependency, so the client bundle stays small.)
 */
import type { HostPlan, PlanStep } from '../../server/src/drbd/up/plan.js';

export type { HostPlan, PlanStep };

/** `drbd/upPlan`: what `drbdadm up|down` would run, per host, for a resource of this document's configuration. */
export const UpPlanRequestMethod = 'drbd/upPlan';

export interface UpPlanParams {
    /** A document of the configuration (the main file is found from it). */
    uri: string;
    /** A resource name, or `all`. */
    resource: string;
    /** Plan for this host only; default: every host named in the resource's `on` sections. */
    host?: string;
    /** `up` (default) or `down`. */
    verb?: 'up' | 'down';
    /**
     * Plan the hosts as this drbdadm runs them: a host's `DRBDADM_VERSION` (with `host`), read as
     * a known release; default: the target release. The configuration is checked as the target
     * release either way.
     */
    hostRelease?: string;
}

/** A step with where it came from, and what the kernel is asked to do. */
export interface UpPlanStep extends Omit<PlanStep, 'loc'> {
    /** The line that caused the step, as an LSP location. */
    location?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
    /** `drbdadm -d` rendering of argv. */
    command: string;
    /** The generic-netlink request a drbdsetup step becomes. */
    kernel?: { request: string; attrs: string[]; doc: string };
}

export interface UpPlanHost extends Omit<HostPlan, 'steps'> {
    steps: UpPlanStep[];
    /** The drbd-utils release whose drbdadm these steps are (`X.Y.Z`). */
    release: string;
    /** Why `release` is not the `hostRelease` asked for (a release drbdconf does not know). */
    releaseHint?: string;
}

export interface UpPlanResult {
    /** The main file of the configuration that was planned. */
    mainFile: string;
    /** The target drbd-utils release the configuration was checked as (`X.Y.Z`). */
    release: string;
    /** drbdadm's verdict on the configuration (errors block any plan), one entry per message (some span lines). */
    configErrors: string[];
    hosts: UpPlanHost[];
}

/**
 * `drbd/release` (server → client notification): the drbd-utils release every configuration is
 * checked as, and where it came from. Sent at start and whenever it changes.
 */
export const ReleaseNotificationMethod = 'drbd/release';

export interface ReleaseParams {
    /** A release drbdconf knows (`X.Y.Z`). */
    release: string;
    /** The setting `drbd.utilsVersion`, the installed `drbdadm` (setting `auto`), or neither (9.22.0). */
    from: 'setting' | 'drbdadm' | 'default';
    /** The host the language server runs on, whose drbdadm `from: 'drbdadm'` means (under Remote-SSH the remote one). */
    host: string;
    /** What the setting or drbdadm named when it is not `release` (an unknown release, or a setting that is none). */
    requested?: string;
    /** Why `release` is not what was requested. */
    hint?: string;
}

/** The client command a quick fix runs to set `drbd.utilsVersion` (argument: the release). */
export const SetUtilsVersionCommand = 'drbd.setUtilsVersion';

/** `drbd/applyPlan`: the files "DRBD: Apply" puts on the hosts, and the resources each host adjusts. */
export const ApplyPlanRequestMethod = 'drbd/applyPlan';

export interface ApplyPlanParams {
    /** A document of the configuration (the main file is found from it). */
    uri: string;
    /** A resource name, or `all`. */
    resource: string;
    /** The main file's path on the hosts (setting `drbd.remote.configPath`; default /etc/drbd.conf). */
    remoteConfig?: string;
}

export interface ApplyPlanResult {
    mainFile: string;
    /** Why nothing goes further (configuration errors, unmappable includes); empty when it may. */
    configErrors: string[];
    /** The saved files, in drbdadm's reading order (the main file first); contents in base64. */
    files: { local: string; rel: string; remote: string; base64: string; sha256: string; includes: string[] }[];
    targets: { host: string; resources: string[] }[];
}
