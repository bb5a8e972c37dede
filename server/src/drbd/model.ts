/**
 * The configuration as drbdadm holds it after parsing: a TypeScript mirror of the structs in
 * drbd-utils' user/v9/drbdadm.h (d_resource, d_host_info, d_volume, connection, path,
 * hname_address, ...). The builder fills what the parser fills; post-parse fills the rest.
 * Every node keeps where it came from, so diagnostics land on the construct drbdadm points to.
 */
import type { DiagnosticCode, DuplicateData, OtherReleaseData, OutOfRangeData } from './diagnostic-codes.js';

export type { OtherReleaseData } from './diagnostic-codes.js';
import type { ReleaseVersion } from './release.js';

/** A place in a config file. `line` is 1-based like drbdadm's `FILE:LINE`; the rest are 0-based. */
export interface Loc {
    /** Absolute path of the file. */
    file: string;
    line: number;
    startLine: number;
    startChar: number;
    endLine: number;
    endChar: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
    loc: Loc;
    severity: Severity;
    /** drbdadm exits right after printing this (a fatal parse error, a conflict): nothing after it is printed. */
    fatal?: boolean;
    /** A companion for the editor only (drbdadm prints no such line). */
    editorOnly?: boolean;
    /** The FILE:LINE drbdadm prints when it is not the construct's (line 0 included). */
    drbdadmAt?: { file: string; line: number };
    /** A syntax error: the ranges (0-based) of the constructs open at it, outermost first. */
    openAt?: Array<[startLine: number, startChar: number, endLine: number, endChar: number]>;
    /** A syntax error where drbdadm reads the token `got` as an option name of `section`. */
    inOptions?: { section: string; got: string };
    /** Starts with drbdadm's wording (without its `FILE:LINE:` prefix). */
    message: string;
    /** The words releases before `until` print instead of `message` (the parser words for 9.22). */
    olderWording?: { until: ReleaseVersion; message: string };
    /** Stable code from DIAGNOSTIC_CODES, such as `node-id/missing`: what quick fixes and tests go by. */
    code: DiagnosticCode;
    /** A copy placed where drbdadm's `FILE:LINE` points when that names no construct (post-parse). */
    drbdadmEcho?: boolean;
    /** Facts for quick fixes (DiagnosticData: the releases that have an option, the bound a value exceeds, which use of a key). */
    data?: OtherReleaseData | OutOfRangeData | DuplicateData;
}

export interface Option {
    name: string;
    /** Value text as drbdadm passes it on (DQ strings unescaped); undefined for a bare boolean. */
    value: string;
    loc: Loc;
    /** Set by inheritance (expand_common): prepended copies from an outer scope. */
    inherited?: boolean;
}

export interface Address {
    af?: string;
    addr?: string;
    port?: string;
    loc?: Loc;
}

export interface ProxyInfo {
    onHosts: string[];
    inside: Address;
    outside: Address;
    options: Option[];
    plugins: Option[];
    loc: Loc;
}

export interface PeerDevice {
    vnr: number;
    pdOptions: Option[];
    loc: Loc;
    implicit: boolean;
}

export interface Volume {
    vnr: number;
    device?: string;
    deviceMinor?: number;
    disk?: string;
    metaDisk?: string;
    metaIndex?: string;
    diskOptions: Option[];
    pdOptions: Option[];
    /** `disk {}` options of new-minor (block-size...), since drbd-utils 9.24.0. */
    deviceOptions?: Option[];
    /** `tiebreaker no;` (9.34.0): peers get `peer-tiebreaker no` for this volume. Absent: yes. */
    tiebreaker?: boolean;
    /** Implicit volume 0 from `device/disk/meta-disk` directly in a resource or host section. */
    implicit: boolean;
    loc: Loc;
    deviceLoc?: Loc;
    diskLoc?: Loc;
    metaDiskLoc?: Loc;
    parsedDevice: boolean;
    parsedDisk: boolean;
    parsedMetaDisk: boolean;
}

export type HostKind = 'on' | 'floating' | 'stacked-on-top-of' | '_this_host';

export interface HostInfo {
    kind: HostKind;
    /** `on A B` names; for floating the fake name (`ADDR_PORT` since 9.23, before `ADDR:PORT` / `ipv6 [ADDR]:PORT`). */
    onHosts: string[];
    volumes: Volume[];
    address: Address;
    /** 8.x style `proxy on X { inside ...; outside ...; }` inside an `on` section. */
    proxyCompatOnly?: ProxyInfo;
    /** stacked-on-top-of LOWER */
    lowerName?: string;
    loc: Loc;
    /** Declared implicitly by a `host NAME address ...` line (no `on` section). */
    implicit: boolean;
    byAddress: boolean;
    requireMinor: boolean;
    resOptions: Option[];
    nodeId?: string;
    nodeIdLoc?: Loc;
    /** post-parse: the local host section (set_me_in_resource). */
    usedAsMe?: boolean;
    /** post-parse: stacked-on-top-of target. */
    lower?: Resource;
}

export interface HnameAddress {
    /** Host name, `_this_host`, `_remote_host`, or `UNKNOWN` for an `address` endpoint. */
    name: string;
    loc: Loc;
    address: Address;
    /** `via outside-address ADDR` (9.23.0): the address peers connect to (set_peer_in_connection). */
    outsideAddress?: Address;
    proxy?: ProxyInfo;
    byAddress: boolean;
    parsedAddress: boolean;
    parsedPort: boolean;
    /** post-parse: the host section this endpoint refers to. */
    hostInfo?: HostInfo;
    usedAsMe?: boolean;
    fakedHostname?: boolean;
}

export interface Path {
    loc: Loc;
    hnameAddresses: HnameAddress[];
    implicit: boolean;
    /** post-parse (set_me_in_resource / set_peer_in_connection). */
    myAddress?: Address;
    peerAddress?: Address;
    connectTo?: Address;
    myProxy?: ProxyInfo;
    peerProxy?: ProxyInfo;
    /** post-parse: a path of a stacked resource that belongs to the other lower node. */
    ignore?: boolean;
}

export interface Connection {
    /** `connection NAME {}`: the peer's `_name` up to drbd-utils 9.21 (ignored since 9.22.0). */
    name?: string;
    paths: Path[];
    loc: Loc;
    peerDevices: PeerDevice[];
    netOptions: Option[];
    pdOptions: Option[];
    /** Created by post-parse (implicit two-host connection or expanded mesh). */
    implicit: boolean;
    isStandalone: boolean;
    peerNodeId?: string;
    /** post-parse: the peer host section, whether this host takes part, whether to skip it. */
    peer?: HostInfo;
    me?: boolean;
    ignore?: boolean;
}

export interface Mesh {
    hosts: { name: string; loc: Loc }[];
    netOptions: Option[];
    loc: Loc;
}

/** Option sets shared by `common`, template files and `resource`. */
export interface OptionSections {
    netOptions: Option[];
    diskOptions: Option[];
    pdOptions: Option[];
    /** `disk {}` options of new-minor (block-size...), since drbd-utils 9.24.0. */
    deviceOptions?: Option[];
    resOptions: Option[];
    startupOptions: Option[];
    handlers: Option[];
    proxyOptions: Option[];
    proxyPlugins: Option[];
}

export interface Resource extends OptionSections {
    name: string;
    loc: Loc;
    /** Location of the name token. */
    nameLoc: Loc;
    /** Resource-level `volume N {}` and the implicit volume 0 of resource-level statements. */
    volumes: Volume[];
    connections: Connection[];
    allHosts: HostInfo[];
    meshes: Mesh[];
    /** `template-file` replaces `common` for this resource. */
    template?: OptionSections & { file: string; loc: Loc };
    stackedTimeouts: boolean;
    /** post-parse: the local host section, if any (depends on the host name drbdadm runs as). */
    me?: HostInfo;
    /** post-parse: no host section matches this host. */
    ignore?: boolean;
    /** post-parse: stacked on this host. */
    stacked?: boolean;
}

export interface GlobalSection {
    usageCount?: string;
    minorCount?: string;
    dialogRefresh?: string;
    cmdTimeoutShort?: string;
    cmdTimeoutMedium?: string;
    cmdTimeoutLong?: string;
    disableIpVerification: boolean;
    udevAlwaysUseVnr: boolean;
    loc?: Loc;
}

export interface Config {
    /** Absolute path of the main file. */
    mainFile: string;
    /** The drbd-utils release whose drbdadm read it (post-parse and up planning follow it). */
    release: ReleaseVersion;
    global: GlobalSection;
    common?: OptionSections & { loc: Loc };
    /** In file order, across includes, as drbdadm reads them. */
    resources: Resource[];
    /**
     * drbdadm's line counter after parsing (1 + the number of newlines of the main file): some
     * post-parse messages print `MAINFILE:<this line>`.
     */
    mainEndLine?: number;
}
