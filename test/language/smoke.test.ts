import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createDrbdServices } from '../../server/src/language/drbd-module.js';
import type { DrbdFile } from '../../server/src/language/generated/ast.js';

const services = createDrbdServices(EmptyFileSystem).Drbd;
const parse = parseHelper<DrbdFile>(services);

describe('smoke', () => {
    it('parses', async () => {
        const doc = await parse(`resource "r 0" { on hw1 { address 10.0.0.1:7788; node-id 1; } net { protocol C; on-io-error "x\\"y"; } device minor 1; }`);
        console.log(doc.parseResult.lexerErrors, doc.parseResult.parserErrors.map(e => e.message));
        const r = doc.parseResult.value.statements[0] as any;
        console.log(r.name, r.statements.map((s: any) => s.$type), r.statements[1].options.map((o: any) => [o.name, o.values]));
        expect(doc.parseResult.parserErrors).toHaveLength(0);
    });
});
