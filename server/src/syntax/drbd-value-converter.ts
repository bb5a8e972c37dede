import { DefaultValueConverter, GrammarUtils, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * drbdadm's scanner unescapes a double-quoted string in place: the quotes go, and a backslash
 * keeps the next character literally (there are no C escapes: `\n` is `n`).
 */
export function unescapeDqString(text: string): string {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** How a rule's text becomes its value: unescaped, as is, or as Langium converts. */
type Conversion = 'unescape' | 'text' | 'langium';

function conversionOf(rule: GrammarAST.AbstractRule): Conversion {
    if (rule.name === 'DQSTRING') return 'unescape';
    // Numbers stay text: drbdadm passes `1K`, `007788` on verbatim. A name or value made of a
    // string token gets the token's value, unescaped once: `"\"a\""` is `"a"`, as for drbdadm.
    if (rule.name === 'INT' || rule.name === 'Name' || rule.name === 'Value' || rule.name === 'OptionName') return 'text';
    // Langium converts by rule name and by declared type; any other rule keeps its text.
    const byName = ['INT', 'STRING', 'ID'].includes(rule.name.toUpperCase());
    const byType = ['number', 'boolean', 'bigint', 'date'].includes(GrammarUtils.getRuleType(rule)?.toLowerCase() ?? '');
    return byName || byType ? 'langium' : 'text';
}

export class DrbdValueConverter extends DefaultValueConverter {
    /** Per rule: the parser converts every token and rule result. */
    private readonly conversions = new Map<GrammarAST.AbstractRule, Conversion>();

    /** The value of a datatype rule's result of one terminal's token, as the parser converts the two. */
    convertToken(terminal: GrammarAST.TerminalRule, datatype: GrammarAST.ParserRule, image: string, cstNode: CstNode): ValueType {
        return this.runConverter(datatype, String(this.runConverter(terminal, image, cstNode)), cstNode);
    }

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        let conversion = this.conversions.get(rule);
        if (!conversion) {
            conversion = conversionOf(rule);
            this.conversions.set(rule, conversion);
        }
        switch (conversion) {
            case 'unescape': return unescapeDqString(input);
            case 'text': return input;
            case 'langium': return super.runConverter(rule, input, cstNode);
        }
    }
}
