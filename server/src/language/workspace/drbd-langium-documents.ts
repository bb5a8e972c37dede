import { DefaultLangiumDocuments, stream, type LangiumDocument, type Stream, type URI } from 'langium';

/**
 * Langium's documents, with `all` read from a list kept until a document is added or deleted:
 * Langium collects it from its URI trie at every call, with new arrays at every level, and an
 * edit asks for it several times (a megabyte of garbage per keystroke with 1 000 files).
 */
export class DrbdLangiumDocuments extends DefaultLangiumDocuments {
    private list: LangiumDocument[] | undefined;

    override get all(): Stream<LangiumDocument> {
        this.list ??= super.all.toArray();
        return stream(this.list);
    }

    override addDocument(document: LangiumDocument): void {
        this.list = undefined;
        super.addDocument(document);
    }

    override deleteDocument(uri: URI): LangiumDocument | undefined {
        this.list = undefined;
        return super.deleteDocument(uri);
    }

    override deleteDocuments(folder: URI): LangiumDocument[] {
        this.list = undefined;
        return super.deleteDocuments(folder);
    }
}
