/**
 * drbdadm's option tables (config_flags.c `context_def`s) and find_field(): which names each
 * config section accepts, in drbdadm's order (its "expected" messages list them in that order).
 * Built from the generated xml-help metadata plus the hand-written facts in not-exported.ts.
 */
import metadata from './option-metadata.json' with { type: 'json' };
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
export type OptionList = 'net' | 'disk' | 'peer-device' | 'resource' | 'startup' | 'handlers' | 'proxy';

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
    command: string;
    sections: string[];
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

interface Metadata {
    drbdadmVersion: string;
    commands: Record<string, { summary: string; arguments: string[]; options: string[] }>;
    options: Record<string, GeneratedOption>;
}

const META = metadata as Metadata;

/** drbd-utils version the generated metadata came from. */
export const DRBDADM_VERSION = META.drbdadmVersion;

function info(name: string, list: OptionList, o: GeneratedOption | HandOption, command?: string): OptionInfo {
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
    if (STRING_MAX_LEN[name] !== undefined) out.maxLen = STRING_MAX_LEN[name];
    if (CASE_INSENSITIVE.has(name)) out.caseInsensitive = true;
    if (IMPLICIT_CLAMP.has(name)) out.implicitClamp = true;
    if (CHECKED_IN_POSTPARSE.has(name)) out.checkedInPostparse = true;
    return out;
}

function fromCommand(command: string, list: OptionList): readonly OptionInfo[] {
    return META.commands[command]!.options.map((name) => info(name, list, META.options[name]!, command));
}

const NET = fromCommand('new-peer', 'net');
const ATTACH = fromCommand('attach', 'disk');
const PEER_DEVICE = fromCommand('peer-device-options', 'peer-device');
const RESOURCE = fromCommand('new-resource', 'resource');
const STARTUP = Object.entries(STARTUP_OPTIONS).map(([name, o]) => info(name, 'startup', o));
const HANDLERS = HANDLER_NAMES.map((name) => info(name, 'handlers', { type: 'string' }));
const PROXY = Object.entries(PROXY_OPTIONS).map(([name, o]) =>
    o === 'net' ? { ...NET.find((n) => n.name === name)!, list: 'proxy' as const } : info(name, 'proxy', o));

/** The tables drbdadm searches for each section, in search order. */
export const SECTION_TABLES: Readonly<Record<OptionSection, readonly (readonly OptionInfo[])[]>> = {
    net: [NET],
    disk: [ATTACH, PEER_DEVICE],
    'peer-disk': [PEER_DEVICE],
    options: [RESOURCE],
    startup: [STARTUP],
    handlers: [HANDLERS],
    proxy: [PROXY],
    syncer: [NET, ATTACH, RESOURCE],
};

/** The name a `syncer {}` key is looked up under. */
export function syncerAlias(name: string): string {
    return SYNCER_ALIASES[name] ?? name;
}

/** Splits off the `no-` prefix the way find_field does (once, for every option). */
export function stripNo(name: string): { name: string; noPrefix: boolean } {
    return name.startsWith('no-') ? { name: name.slice(3), noPrefix: true } : { name, noPrefix: false };
}

/** The option `name` (possibly `no-NAME`, or a syncer alias) stands for in `section`. */
export function findOption(section: OptionSection, name: string): OptionInfo | undefined {
    const bare = stripNo(section === 'syncer' ? syncerAlias(name) : name).name;
    for (const table of SECTION_TABLES[section]) {
        const found = table.find((o) => o.name === bare);
        if (found) return found;
    }
    return undefined;
}

/** Every key the section accepts (for completion), including startup's non-option words. */
export function optionNames(section: OptionSection): string[] {
    const names = SECTION_TABLES[section].flatMap((t) => t.map((o) => o.name));
    return section === 'startup' ? [...names, ...STARTUP_EXTRAS] : names;
}

/** Names of one drbdadm table, as its "expected" parse error lists them. */
export function tableNames(section: 'peer-disk' | 'options' | 'handlers'): string[] {
    return SECTION_TABLES[section][0]!.map((o) => o.name);
}
