/**
 * The language server collects garbage only between builds, and only when the heap has grown by
 * GROWTH since the last collection: counted with a heap whose size the test sets, over real
 * builds of a document.
 */
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { collectBetweenBuilds, GROWTH } from '../../server/src/language/collect-between-builds.js';
import { createDrbdServices } from '../../server/src/language/drbd-module.js';

const TEXT = 'resource r0 { device minor 1; disk /dev/sdb; meta-disk internal; on a { address 10.0.0.1:7788; node-id 0; } on b { address 10.0.0.2:7788; node-id 1; } }\n';

/** A workspace of one document whose heap is `size` MB, and collections that put it back to `live`. */
function workspace() {
    const { shared } = createDrbdServices(EmptyFileSystem);
    const heap = { size: 50, live: 50, collections: [] as number[] };
    collectBetweenBuilds(shared, { gc: () => { heap.collections.push(heap.size); heap.size = heap.live; }, used: () => heap.size });
    const document = shared.workspace.LangiumDocumentFactory.fromString(TEXT, URI.file('/w/drbd.conf'));
    shared.workspace.LangiumDocuments.addDocument(document);
    const buildOnly = () => shared.workspace.DocumentBuilder.build([document], { validation: true });
    const build = async () => {
        await buildOnly();
        await new Promise((resolve) => setImmediate(resolve));
    };
    return { heap, build, buildOnly };
}

describe('a collection between builds', () => {
    test('follows the first build, then only a build that ends with the heap grown by GROWTH', async () => {
        const { heap, build } = workspace();
        await build();
        expect(heap.collections).toEqual([50]);

        heap.size = 50 * GROWTH - 1;
        await build();
        expect(heap.collections).toEqual([50]);

        heap.size = 50 * GROWTH;
        heap.live = 60;
        await build();
        expect(heap.collections).toEqual([50, 50 * GROWTH]);

        // Counted from what the last collection left: 60.
        heap.size = 60 * GROWTH - 1;
        await build();
        expect(heap.collections).toHaveLength(2);
        heap.size = 60 * GROWTH;
        await build();
        expect(heap.collections).toEqual([50, 50 * GROWTH, 60 * GROWTH]);
    });

    test('runs once the build has ended', async () => {
        const { heap, build, buildOnly } = workspace();
        await build();
        heap.size = 1000;
        await buildOnly();
        expect(heap.collections).toEqual([50]);
        await new Promise((resolve) => setImmediate(resolve));
        expect(heap.collections).toEqual([50, 1000]);
    });

    test('is off where Node gives no gc (the server run without --expose-gc)', async () => {
        const { shared } = createDrbdServices(EmptyFileSystem);
        expect(() => collectBetweenBuilds(shared, { used: () => 0 })).not.toThrow();
    });
});
