/**
 * drbdadm's make_options: every option of a section becomes one `--name=value` argument, in
 * list order (inherited ones were prepended by expand_common), the value text verbatim.
 */
import type { Option } from '../model.js';

export function optionArgs(options: readonly Option[]): string[] {
    return options.map((o) => (o.value === undefined ? `--${o.name}` : `--${o.name}=${o.value}`));
}
