/**
 * Every code a diagnostic can carry, with one line saying what it means. Codes are visible to
 * users (the Problems panel, `check --format json|sarif`): stable, lower-case, no spaces. Quick
 * fixes find their diagnostic by this code alone and read their facts from `Diagnostic.data`.
 */
import type { ReleaseVersion } from './release.js';

export const DIAGNOSTIC_CODES = {
    'address/duplicate': 'Two hosts of a resource (or two resources) use the same address and port.',
    'address/port-range': 'The port of an address is not a number drbdadm accepts.',
    'address/same-for-both-endpoints': 'Both endpoints of a path or connection have the same address.',
    'common/host-section': 'A common (or template) section holds host sections, which are not allowed there.',
    'connection/address-without-host-section': 'A connection names an address for a host without a host section.',
    'connection/endpoint-incomplete': 'A connection endpoint lacks an address drbdadm can take from its host section.',
    'connection/implicit-more-than-two-hosts': 'More than two host sections and no connection: drbdadm makes no implicit connection.',
    'connection/implicit-more-than-two-hosts-consequence': 'What drbdadm does with more than two host sections and no connection (editor hint).',
    'connection/mixed-paths': 'A connection mixes explicit paths and host statements.',
    'connection/named': 'A named connection: the name is deprecated and ignored.',
    'connection/needs-two-endpoints': 'A connection or path names fewer than two hosts.',
    'connection/no-endpoints': 'A connection names no hosts.',
    'connection/no-path': 'A connection without a single path.',
    'connection/second-net': 'A connection has more than one net section.',
    'connection/too-many-hosts': 'A connection names more than two hosts.',
    'connection/unknown-host': 'A connection names a host the resource has no host section for.',
    'device/arbitrary-name': 'A device name not of the form /dev/drbd<minor> (or not /dev/drbd_<name>).',
    'device/minor-mismatch': 'The minor in the device name differs from the one given with `minor`.',
    'device/name': 'A device name that does not start with /dev/drbd.',
    'device/no-minor': 'A device with neither a minor nor a minor in its name.',
    'file/unreadable': 'The configuration file cannot be read.',
    'floating/address': 'An address statement inside a floating section.',
    'global/after-resource': 'The global section comes after a resource section.',
    'global/range': 'A global option value out of range.',
    'global/syntax': 'A global option drbdadm cannot parse.',
    'host/multiple-for-this-node': 'More than one host section of a resource names this host.',
    'host/none': 'A resource has no host section for this host.',
    'include/already-read': 'A file already part of the configuration is included again (drbdadm skips it; editor hint).',
    'include/missing': 'An include pattern matches no file.',
    'include/unreadable': 'An included file cannot be read.',
    'mesh/host-without-address': 'A connection-mesh names a host without an address.',
    'mesh/proxy-in-on-section': 'A connection-mesh over hosts with proxy sections.',
    'mesh/second-net': 'A connection-mesh has more than one net section.',
    'mesh/unknown-host': 'A connection-mesh names a host the resource has no host section for.',
    'module-version/mismatch': 'A require-drbd-module-version-* statement is not met.',
    'module-version/unknown': 'The DRBD kernel module version is unknown, so require-drbd-module-version-* fails.',
    'node-id/32': 'A node-id of 32 or more: more than drbdadm can use (editor hint).',
    'node-id/equal-hashes': "Two hosts' addresses hash equal, so drbdadm cannot derive node-ids (BAD LUCK).",
    'node-id/equal-hashes-consequence': 'What BAD LUCK means for this resource (editor hint).',
    'node-id/missing': 'Some host sections of a resource have a node-id and others have none.',
    'device/missing': "A volume of a host section has no device.",
    'disk/missing': 'A volume of a host section has no disk.',
    'meta-disk/missing': 'A volume of a host section has no meta-disk.',
    'meta-index/missing': 'An external meta-disk without its index.',
    'node-id/missing-why': 'Why the resource needs node-ids (editor hint); fixed by adding them.',
    'node-id/range': 'A node-id out of range.',
    'option/ambiguous-inheritance': 'An option inherited with two different values.',
    'option/other-release': 'An option the target release lacks but other releases have (editor hint).',
    'option/unknown': 'An option name the section does not know.',
    'option/value': 'An option value drbdadm rejects (not a number, out of range, not an allowed value).',
    'path/too-many-hosts': 'A path names more than two hosts.',
    'proxy/missing-address': "A proxy section lacks its 'inside' or 'outside' address.",
    'proxy/some-endpoints-only': 'Some endpoints of a connection have a proxy and others not.',
    'proxy/some-on-sections-only': 'Some host sections have a proxy and others not.',
    'resource/name-empty': 'A resource without a name.',
    'resource/name-invalid': 'A resource name with control characters.',
    'resync-after/ambiguous': 'resync-after names a resource ambiguously.',
    'resync-after/unknown-resource': 'resync-after names a resource that does not exist.',
    'stacked/unknown-lower-resource': 'stacked-on-top-of names a resource that does not exist.',
    'syntax': 'A syntax error, worded as drbdadm words it.',
    'syntax/expected': 'A statement drbdadm does not accept at that place.',
    'syntax/expected-semicolon': "A statement not ended by ';'.",
    'syntax/unclosed-resource': "The last resource lacks its '}' at the end of the file (drbdadm accepts this; editor hint).",
    'template/missing': 'A template file that does not exist.',
    'template/not-common': "A template file that does not start with 'common {'.",
    'volume/implicit-mismatch': 'Host sections of a resource disagree about the implicit volume.',
    'volume/missing-on-host': 'A volume is not defined on every host.',
    'volume/mixed-implicit-explicit': 'A resource mixes implicit and explicit volumes.',
    'volume/not-defined-on-host': 'A volume a host section refers to is not defined there.',
    'volume/unknown-in-connection': 'A connection refers to a volume the resource does not have.',
    // drbdadm's uniqueness table (check_uniq): a key used twice; drbdadm stops at once.
    'device-minor/duplicate': 'Two devices with the same minor on a host.',
    'device/duplicate': 'Two devices with the same name on a host.',
    'disk/duplicate': 'Two volumes on a host use the same backing disk.',
    'meta-disk/duplicate': 'Two volumes on a host use the same external meta-disk index.',
    'ip/duplicate': 'Two stacked resources use the same address on a host.',
    'node-id/duplicate': 'Two host sections of a resource have the same node-id.',
    'stacked-on-top-of/duplicate': 'Two resources stacked on top of the same lower resource.',
    'host-section/duplicate': 'Two host sections of a resource for the same host.',
    'resource-section/duplicate': 'Two resources (or two common sections) with the same name.',
    'global-section/duplicate': 'A second global section.',
    'address-statement/duplicate': 'A second address statement in a host section.',
    'disk-statement/duplicate': 'A second disk statement in a host or volume section.',
    'device-statement/duplicate': 'A second device statement in a host or volume section.',
    'meta-disk-statement/duplicate': 'A second meta-disk statement in a host or volume section.',
    'node-id-statement/duplicate': 'A second node-id statement in a host section.',
    'protocol-statement/duplicate': 'A second protocol statement in a resource.',
    'proxy-section/duplicate': 'A second proxy section in a resource.',
    'disk-section/duplicate': 'A second disk section in a resource.',
    'net-section/duplicate': 'A second net section in a resource.',
    'syncer-section/duplicate': 'A second syncer section in a resource.',
    'startup-section/duplicate': 'A second startup section in a resource.',
    'handlers-section/duplicate': 'A second handlers section in a resource.',
    'resource-options-section/duplicate': 'A second options section in a resource.',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/**
 * The keys of drbdadm's uniqueness table, by code: what its "conflicting use of WHAT 'KEY'"
 * message calls each kind (drbdadm_parser.c check_uniq_file_line() callers).
 */
export const DUPLICATE_WHAT = {
    'device-minor/duplicate': 'device-minor',
    'device/duplicate': 'device',
    'disk/duplicate': 'disk',
    'meta-disk/duplicate': 'meta-disk',
    'ip/duplicate': 'IP',
    'node-id/duplicate': 'node-id',
    'stacked-on-top-of/duplicate': 'stacked-on-top-of',
    'host-section/duplicate': 'host section',
    'resource-section/duplicate': 'resource section',
    'global-section/duplicate': 'global section',
    'address-statement/duplicate': 'address statement',
    'disk-statement/duplicate': 'disk statement',
    'device-statement/duplicate': 'device statement',
    'meta-disk-statement/duplicate': 'meta-disk statement',
    'node-id-statement/duplicate': 'node-id statement',
    'protocol-statement/duplicate': 'protocol statement',
    'proxy-section/duplicate': 'proxy section',
    'disk-section/duplicate': 'disk section',
    'net-section/duplicate': 'net section',
    'syncer-section/duplicate': 'syncer section',
    'startup-section/duplicate': 'startup section',
    'handlers-section/duplicate': 'handlers section',
    'resource-options-section/duplicate': 'resource options section',
} as const satisfies Partial<Record<DiagnosticCode, string>>;

export type DuplicateCode = keyof typeof DUPLICATE_WHAT;

/** An option the target release does not know but others do (`option/other-release`). */
export interface OtherReleaseData {
    /** Every known release that accepts the option there, oldest first. */
    releases: ReleaseVersion[];
    /** The first of them. */
    since: ReleaseVersion;
}

/** An option value beyond one of its bounds (`option/value`): which one. */
export interface OutOfRangeData {
    bound: 'min' | 'max';
}

/** A key used twice (the `/duplicate` codes): the diagnostic on the later use, or its twin on the first. */
export interface DuplicateData {
    use: 'again' | 'first';
}

/** The facts a diagnostic of each code carries for its quick fixes. */
export type DiagnosticData = {
    'option/other-release': OtherReleaseData;
    'option/value': OutOfRangeData;
} & Record<DuplicateCode, DuplicateData>;
