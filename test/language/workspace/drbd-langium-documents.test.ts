/**
 * DrbdLangiumDocuments keeps the list `all` answers between changes: it is the trie's list,
 * in its order, after every addition and deletion.
 */
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { createDrbdServices } from '../../../server/src/language/drbd-module.js';

describe('DrbdLangiumDocuments', () => {
    it('lists what the trie holds after each addition and deletion', () => {
        const { shared } = createDrbdServices(EmptyFileSystem);
        const documents = shared.workspace.LangiumDocuments;
        const listed = () => documents.all.map((d) => d.uri.path).toArray();
        const uri = (path: string) => URI.file(path);
        expect(listed()).toEqual([]);
        documents.createDocument(uri('/etc/drbd.conf'), 'include "drbd.d/*.res";\n');
        documents.createDocument(uri('/etc/drbd.d/r1.res'), '');
        expect(listed()).toEqual(['/etc/drbd.conf', '/etc/drbd.d/r1.res']);
        documents.createDocument(uri('/etc/drbd.d/r0.res'), '');
        expect(listed()).toEqual(['/etc/drbd.conf', '/etc/drbd.d/r1.res', '/etc/drbd.d/r0.res']);
        documents.deleteDocument(uri('/etc/drbd.d/r1.res'));
        expect(listed()).toEqual(['/etc/drbd.conf', '/etc/drbd.d/r0.res']);
        documents.deleteDocuments(uri('/etc/drbd.d'));
        expect(listed()).toEqual(['/etc/drbd.conf']);
        // The list handed out earlier is not changed by what happens afterwards.
        const before = documents.all;
        documents.createDocument(uri('/etc/global_common.conf'), '');
        expect(before.map((d) => d.uri.path).toArray()).toEqual(['/etc/drbd.conf']);
        expect(listed()).toEqual(['/etc/drbd.conf', '/etc/global_common.conf']);
    });
});
