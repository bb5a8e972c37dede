import type { OptionStatement, WordStatement } from '../../syntax/generated/ast.js';
import type { Option } from '../../drbd/model.js';
import { checkOption, type OptionList, type OptionSection, otherReleaseHint, resourceDiskSection, tokenNumber } from '../../drbd/options/index.js';
import { expectedToken } from '../../drbd/options/parse-errors.js';
import type { BuildContext } from './build-context.js';
import type { DrbdadmLine } from '../../drbd/post-parse/report.js';
import { locOf, locOfProperty } from './loc.js';

/** Options of one section, sorted into the lists drbdadm keeps them in (disk vs peer-device...). */
export type OptionLists = Partial<Record<OptionList, Option[]>>;

export interface OptionsWhere {
    /** A resource's (or common's) `disk {}`, whose delegate also takes net's `fencing`. */
    fencingIsNet?: boolean;
    /** A proxy's options: where proxy_delegate() reports a word that is no option (drbdadm's fline, the section's `{`). */
    proxyLine?: DrbdadmLine;
}

/** One option statement checked as drbdadm's parse_option_value does; undefined when rejected. */
function buildOption(ctx: BuildContext, statement: OptionStatement | WordStatement, section: OptionSection, proxyLine?: DrbdadmLine): { option: Option; list?: OptionList } | undefined {
    // A name no option (or delegate) takes fails before its value is read.
    const byName = statement.values.length > 1 ? checkOption(section, statement.name, undefined, ctx.release) : undefined;
    // startup's `become-primary-on` takes any words up to `;` (and is ignored).
    if (!byName?.fatal && statement.values.length > 1 && !(section === 'startup' && statement.name === 'become-primary-on')) {
        ctx.report.error('syntax/expected-semicolon', expectedToken(';', statement.values[1]!, tokenNumber(statement.values[1]!, ctx.release)),
            locOfProperty(statement, 'values', ctx.file, 1));
        ctx.report.exit(10);
    }
    const result = checkOption(section, statement.name, statement.values[0], ctx.release);
    if (result.error) {
        const at = result.fatal ? locOfProperty(statement, 'name', ctx.file) : locOfProperty(statement, 'values', ctx.file, 0);
        ctx.report.error(result.fatal ? 'option/unknown' : 'option/value', result.error, at, result.fatal ? proxyLine : undefined, result.bound && { bound: result.bound });
        if (result.fatal) {
            ctx.report.exit(10);
            const hint = result.info ? undefined : otherReleaseHint(section, statement.name, ctx.release);
            if (hint) ctx.report.info('option/other-release', hint.message, at, hint.data);
        }
        return undefined;
    }
    return { option: { name: result.name, value: result.value, loc: locOf(statement, ctx.file) }, list: result.info?.list };
}

/** The statements of an option section, checked, in source order per list. */
export function buildOptions(ctx: BuildContext, statements: readonly (OptionStatement | WordStatement)[], section: OptionSection, where: OptionsWhere = {}): OptionLists {
    const lists: OptionLists = {};
    for (const statement of statements) {
        const built = buildOption(ctx, statement, where.fencingIsNet ? resourceDiskSection(statement.name, section, ctx.release) : section, where.proxyLine);
        if (built?.list) {
            (lists[built.list] ??= []).push(built.option);
        }
    }
    return lists;
}
