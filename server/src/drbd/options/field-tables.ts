/**
 * drbdadm's option tables (config_flags.c `context_def`s) and find_field(): which names each
 * config section accepts in a drbd-utils release, in drbdadm's order (its "expected" messages
 * list them in that order). Built from the generated xml-help metadata of every known release
 * plus the hand-written facts in not-exported.ts.
 */
import metadata from './option-metadata.json' with { type: 'json' };
import { atLeast, inRange, KNOWN_RELEASES, type ReleaseRange, type ReleaseVersion } from '../release.js';
import type { UnitPrefix } from './new-strtoll.js';
import {
    CASE_INSENSITIVE, CHECKED_IN_POSTPARSE, HANDLER_NAMES, type HandOption, IMPLICIT_CLAMP, PROXY_OPTIONS,
    STARTUP_EXTRAS, STARTUP_OPTIONS, STRING_MAX_LEN, SYNCER_ALIASES,
} from './not-exported.js';

/**
 * Where an option statement is written. `disk` = `disk {}` of a resource, host, volume or
 * common section (local-disk and peer-device fields); `peer-disk` = `disk {}` inside a
 * connection or its `volume N {}` (peer-device fields only); `options` = resource options.
 */
export type OptionSection = 'net' | 'disk' | 'peer-disk' | 'options' | 'startup' | 'handlers' | 'proxy' | 'syncer';

export type OptionType = 'numeric' | 'boolean' | 'handler' | 'numeric-or-symbol' | 'string';

/** The option list drbdadm stores a parsed option in (and so which drbdsetup call gets it). */
export type OptionList = 'net' | 'disk' | 'peer-device' | 'device' | 'resource' | 'startup' | 'handlers' | 'proxy';

export interface OptionInfo {
    name: string;
    type: OptionType;
    list: OptionList;
    /** drbdsetup command that receives the option (`--NAME=VALUE`); absent for drbdadm-only keys. */
    command?: string;
    /** drbdsetup command that can change it on a running resource. */
    changeableBy?: string;
    min?: bigint;
    /** Absent: no upper bound. */
    max?: bigint;
    default?: string;
    unitPrefix?: UnitPrefix;
    /** What one native unit measures, as xml-help words it (`bytes/second`, `1/10 seconds`). */
    unit?: string;
    /** Enum values of a `handler` option, in drbdadm's order. */
    values?: readonly string[];
    /** Symbols of a `numeric-or-symbol` option. */
    symbols?: readonly string[];
    /** Longest accepted string in bytes. */
    maxLen?: number;
    caseInsensitive?: boolean;
    /** Out-of-range numbers are accepted unchanged. */
    implicitClamp?: boolean;
    /** The value is not checked while parsing (resync-after). */
    checkedInPostparse?: boolean;
}

interface GeneratedOption {
    changeableBy?: string;
    type: string;
    min?: number;
    max?: number;
    default?: number | string;
    unitPrefix?: string;
    unit?: string;
    values?: string[];
    symbols?: string[];
}

interface GeneratedCommand {
    summary: string;
    arguments: string[];
    options: string[];
}

/** The generated table: every row says since (and until) which release it holds. */
interface Metadata {
    releases: ReleaseVersion[];
    commands: Record<string, (GeneratedCommand & ReleaseRange)[]>;
    options: Record<string, Record<string, (GeneratedOption & ReleaseRange)[]>>;
}

const META = metadata as Metadata;

function info(release: ReleaseVersion, name: string, list: OptionList, o: GeneratedOption | HandOption, command?: string): OptionInfo {
    const out: OptionInfo = { name, type: o.type as OptionType, list };
    if (command) out.command = command;
    if ('changeableBy' in o && o.changeableBy) out.changeableBy = o.changeableBy;
    if (o.min !== undefined) out.min = BigInt(o.min);
    if (o.max !== undefined) out.max = BigInt(o.max);
    if (o.default !== undefined) out.default = String(o.default);
    if (o.unitPrefix) out.unitPrefix = o.unitPrefix as UnitPrefix;
    if ('unit' in o && o.unit) out.unit = o.unit;
    if ('values' in o && o.values) out.values = o.values;
    if ('symbols' in o && o.symbols) out.symbols = o.symbols;
    const maxLen = STRING_MAX_LEN[name]?.filter((row) => atLeast(release, row.since)).at(-1);
    if (maxLen) out.maxLen = maxLen.max;
    if (CASE_INSENSITIVE.has(name)) out.caseInsensitive = true;
    if (IMPLICIT_CLAMP.has(name)) out.implicitClamp = true;
    if (CHECKED_IN_POSTPARSE.has(name)) out.checkedInPostparse = true;
    return out;
}

function rowFor<T extends ReleaseRange>(rows: readonly T[] | undefined, release: ReleaseVersion): T | undefined {
    return rows?.find((r) => inRange(release, r));
}

/** One drbdsetup command's options as `release` has them, in its order. */
function fromCommand(command: string, list: OptionList, release: ReleaseVersion): readonly OptionInfo[] {
    const names = rowFor(META.commands[command], release)?.options ?? [];
    return names.map((name) => info(release, name, list, rowFor(META.options[command]?.[name], release)!, command));
}

type SectionTables = Readonly<Record<OptionSection, readonly (readonly OptionInfo[])[]>>;

/** The tables drbdadm searches for each section, in search order. */
function buildTables(release: ReleaseVersion): SectionTables {
    const net = fromCommand('new-peer', 'net', release);
    const attach = fromCommand('attach', 'disk', release);
    const peerDevice = fromCommand('peer-device-options', 'peer-device', release);
    const resource = fromCommand('new-resource', 'resource', release);
    const device = fromCommand('new-minor', 'device', release);
    const startup = Object.entries(STARTUP_OPTIONS).map(([name, o]) => info(release, name, 'startup', o));
    const handlers = HANDLER_NAMES.map((name) => info(release, name, 'handlers', { type: 'string' }));
    const proxy = Object.entries(PROXY_OPTIONS).map(([name, o]) =>
        o === 'net' ? { ...net.find((n) => n.name === name)!, list: 'proxy' as const } : info(release, name, 'proxy', o));
    return {
        net: [net],
        // drbdadm_parser.c insert_pd_options_delegate(): device options (new-minor's) since 9.24.0
        disk: atLeast(release, '9.24.0') ? [attach, peerDevice, device] : [attach, peerDevice],
        'peer-disk': [peerDevice],
        options: [resource],
        startup: [startup],
        handlers: [handlers],
        proxy: [proxy],
        // drbdadm_parser.c parse_options_syncer(): peer-device options as the last resort since 9.29.0
        syncer: atLeast(release, '9.29.0') ? [net, attach, resource, peerDevice] : [net, attach, resource],
    };
}

const TABLES = new Map<ReleaseVersion, SectionTables>();

/** The section tables of `release` (a known release: see resolveRelease). */
export function sectionTables(release: ReleaseVersion): SectionTables {
    let tables = TABLES.get(release);
    if (!tables) TABLES.set(release, (tables = buildTables(release)));
    return tables;
}

/** The name a `syncer {}` key is looked up under. */
export function syncerAlias(name: string): string {
    return SYNCER_ALIASES[name] ?? name;
}

/** Splits off the `no-` prefix the way find_field does (once, for every option). */
export function stripNo(name: string): { name: string; noPrefix: boolean } {
    return name.startsWith('no-') ? { name: name.slice(3), noPrefix: true } : { name, noPrefix: false };
}

/** The option `name` (possibly `no-NAME`, or a syncer alias) stands for in `section` of `release`. */
export function findOption(section: OptionSection, name: string, release: ReleaseVersion): OptionInfo | undefined {
    const bare = stripNo(section === 'syncer' ? syncerAlias(name) : name).name;
    for (const table of sectionTables(release)[section]) {
        const found = table.find((o) => o.name === bare);
        if (found) return found;
    }
    return undefined;
}

/** Every key the section accepts (for completion), including startup's non-option words. */
export function optionNames(section: OptionSection, release: ReleaseVersion): string[] {
    const names = sectionTables(release)[section].flatMap((t) => t.map((o) => o.name));
    return section === 'startup' ? [...names, ...STARTUP_EXTRAS] : names;
}

/**
 * Every key the section accepts that a configuration writes (completion, "did you mean"): not
 * drbdadm's internal `_name` of net {} (config_flags.c), the connection name drbdsetup gets from
 * the `connection NAME` drbdadm fills in itself.
 */
export function userOptionNames(section: OptionSection, release: ReleaseVersion): string[] {
    return optionNames(section, release).filter((name) => !name.startsWith('_'));
}

/** Names of one drbdadm table, as its "expected" parse error lists them. */
export function tableNames(section: 'peer-disk' | 'options' | 'handlers', release: ReleaseVersion): string[] {
    return sectionTables(release)[section][0]!.map((o) => o.name);
}

/** The known releases in which `section` accepts `name` (for "since drbd-utils X" messages). */
export function releasesWithOption(section: OptionSection, name: string): ReleaseVersion[] {
    return KNOWN_RELEASES.filter((release) => findOption(section, name, release) !== undefined);
}
