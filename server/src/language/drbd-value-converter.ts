import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * drbdadm's scanner unescapes a double-quoted string in place: the quotes go, and a backslash
 * keeps the next character literally (there are no C escapes: `\n` is `n`).
 */
export function unescapeDqString(text: string): string {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

export function isDqString(text: string): boolean {
    return text.length >= 2 && text.startsWith('"') && text.endsWith('"');
}

export class DrbdValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'DQSTRING' || ((rule.name === 'Name' || rule.name === 'Value' || rule.name === 'OptionName') && isDqString(input))) {
            return unescapeDqString(input);
        }
        // Numbers stay text: drbdadm passes `1K`, `007788` on verbatim.
        if (rule.name === 'INT') {
            return input;
        }
        return super.runConverter(rule, input, cstNode);
    }
}
