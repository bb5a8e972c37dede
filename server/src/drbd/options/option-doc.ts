/** Hover texts for options: what the value means, its range in real units, where it goes. */
import { KNOWN_RELEASES, type ReleaseVersion } from '../release.js';
import { findOption, type OptionInfo, type OptionSection, releasesWithOption } from './field-tables.js';
import { newStrtoll, type UnitPrefix } from './new-strtoll.js';

const PREFIX_WORD: Record<UnitPrefix, string> = { '1': '', k: 'KiB', s: 'sectors (512 bytes)' };

/** The native unit of a numeric option in words, e.g. `KiB/second`, `1/10 seconds`, `sectors (512 bytes)`. */
function unitLabel(o: OptionInfo): string {
    const prefix = PREFIX_WORD[o.unitPrefix ?? '1'];
    if (!prefix) return o.unit ?? '';
    // xml-help's unit says what is counted (bytes), the prefix how many of them make one unit
    if (o.unitPrefix === 'k' && o.unit?.startsWith('bytes')) return `KiB${o.unit.slice('bytes'.length)}`;
    return prefix;
}

function withUnit(n: bigint | string, o: OptionInfo): string {
    const label = unitLabel(o);
    return label ? `${n} ${label}` : `${n}`;
}

function valueLine(o: OptionInfo): string {
    switch (o.type) {
        case 'numeric': {
            const max = o.max === undefined ? 'no upper limit' : withUnit(o.max, o);
            const clamp = o.implicitClamp ? ' (values outside are accepted and clamped by the kernel)' : '';
            return `Number ${o.min ?? 0} … ${max}${clamp}. Suffixes K, M, G (×1024ⁿ bytes) and s (512-byte sectors) are converted.`;
        }
        case 'numeric-or-symbol':
            return `One of ${o.symbols!.map((s) => `\`${s}\``).join(', ')}, or a number ${o.min} … ${o.max}.`;
        case 'boolean':
            return '`yes` or `no`; `NAME;` means yes, `no-NAME;` means no.';
        case 'handler': {
            const values = o.values!.map((v) => `\`${v}\``).join(', ');
            return `One of ${values}${o.caseInsensitive ? ' (any case)' : ''}.`;
        }
        case 'string':
            return o.maxLen === undefined ? 'Text.' : `Text of at most ${o.maxLen} bytes.`;
    }
}

function destination(o: OptionInfo): string {
    if (!o.command) return 'Used by drbdadm itself.';
    const passed = `Passed to \`drbdsetup ${o.command}\` as \`--${o.name}=VALUE\`.`;
    return o.changeableBy && o.changeableBy !== o.command
        ? `${passed} A running resource changes it with \`drbdsetup ${o.changeableBy}\`.`
        : passed;
}

/**
 * Which known drbd-utils releases accept the option here, in a line for a hover, e.g.
 * `Since drbd-utils 9.26.0 (drbdconf knows 9.15.0 – 9.34.0).`
 */
export function releasesLine(section: OptionSection, name: string): string {
    const have = releasesWithOption(section, name);
    const [oldest, newest] = [KNOWN_RELEASES[0]!, KNOWN_RELEASES.at(-1)!];
    const known = `drbdconf knows ${oldest} – ${newest}`;
    if (have.length === KNOWN_RELEASES.length) return `_In every drbd-utils release drbdconf knows (${oldest} – ${newest})._`;
    if (have.length === 0) return `_In no drbd-utils release drbdconf knows (${oldest} – ${newest})._`;
    const [first, last] = [KNOWN_RELEASES.indexOf(have[0]!), KNOWN_RELEASES.indexOf(have.at(-1)!)];
    if (last - first + 1 !== have.length) return `_In drbd-utils ${have.join(', ')} (${known})._`;
    if (have.at(-1) === newest) return `_Since drbd-utils ${have[0]} (${known})._`;
    const range = have.length > 1 ? `${have[0]} – ${have.at(-1)}` : have[0];
    return `_In drbd-utils ${range}, not since ${KNOWN_RELEASES[last + 1]} (${known})._`;
}

/** Markdown hover text for `name` in `section` as `release` has it; empty when that release does not know the option there. */
export function optionDoc(section: OptionSection, name: string, release: ReleaseVersion): string {
    const o = findOption(section, name, release);
    if (!o) return '';
    const lines = [`**${o.name}** (${o.type})`, valueLine(o)];
    if (o.default !== undefined) {
        lines.push(`Default: ${o.type === 'numeric' ? withUnit(o.default, o) : `\`${o.default}\``}.`);
    }
    if (o.checkedInPostparse) {
        lines.push('In drbd.conf: the name of another resource, `RES` or `RES/VNR`, checked after parsing.');
    }
    lines.push(destination(o), releasesLine(section, name));
    return lines.join('\n\n');
}

/** A numeric value in the option's native unit, e.g. `resync-rate 10M` → 10240 KiB/second. */
export interface ConvertedValue {
    value: bigint;
    text: string;
}

export function convertValue(section: OptionSection, name: string, value: string, release: ReleaseVersion): ConvertedValue | undefined {
    const o = findOption(section, name, release);
    if (o?.type !== 'numeric' || o.checkedInPostparse) return undefined;
    const n = newStrtoll(value, o.unitPrefix ?? '1');
    return n.ok ? { value: n.value, text: withUnit(n.value, o) } : undefined;
}
