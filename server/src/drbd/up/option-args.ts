/**
 * drbdadm's make_options: every option of a section becomes one `--name=value` argument, in
 * list order (inherited ones were prepended by expand_common), the value text verbatim up to
 * the width make_option() allows.
 */
import type { Option } from '../model.js';
import { atLeast, type ReleaseVersion } from '../release.js';

/** config_flags.c: the net strings are SHARED_SECRET_MAX bytes, cpu-mask DRBD_CPU_MASK_SIZE. */
const STRING_FIELD_SIZE: Readonly<Record<string, number>> = {
    'cram-hmac-alg': 64, 'shared-secret': 64, 'data-integrity-alg': 64, 'csums-alg': 64, 'verify-alg': 64,
    '_name': 64, 'transport': 64, 'cpu-mask': 32,
};

/**
 * drbdadm_main.c make_option(): since 9.18.2 a value is printed with `%.*s`, cut to its string
 * field's size, any other value to 512 bytes. This matters for what the parser does not limit:
 * the implicit `_name` (all names of the peer's `on` section) and `transport`. A cut through a
 * multi-byte character ends in U+FFFD here where drbdadm prints the partial bytes.
 */
function valueText(name: string, value: string, release: ReleaseVersion): string {
    if (!atLeast(release, '9.18.2')) return value;
    const bytes = Buffer.from(value, 'utf8');
    const width = STRING_FIELD_SIZE[name] ?? 512;
    return bytes.length <= width ? value : bytes.subarray(0, width).toString('utf8');
}

export function optionArgs(options: readonly Option[], release: ReleaseVersion): string[] {
    return options.map((o) => (o.value === undefined ? `--${o.name}` : `--${o.name}=${valueText(o.name, o.value, release)}`));
}
