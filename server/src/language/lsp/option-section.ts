import { AstUtils } from 'langium';
import type { OptionSection } from '../../drbd/options/index.js';
import {
    isCommonSection, isConnectionSection, isOptionsSection, isProxyOptions, isProxySection, isResourceSection, isWordStatement,
    type OptionStatement, type WordStatement,
} from '../../syntax/generated/ast.js';

/**
 * The option table drbdadm looks a statement's name up in: that of its section, where a `disk {}`
 * inside a connection takes peer-device options only and a resource's bare `protocol` is a net option.
 */
export function optionSectionOf(statement: OptionStatement | WordStatement): OptionSection | undefined {
    const section = statement.$container;
    if (isWordStatement(statement)) {
        return statement.name === 'protocol' && (isResourceSection(section) || isCommonSection(section)) ? 'net' : undefined;
    }
    if (isOptionsSection(section)) {
        if (section.kind !== 'disk') return section.kind;
        return AstUtils.getContainerOfType(section, isConnectionSection) ? 'peer-disk' : 'disk';
    }
    return isProxySection(section) || isProxyOptions(section) ? 'proxy' : undefined;
}
