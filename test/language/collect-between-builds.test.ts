/**
 * The language server collects garbage only between builds, and only when the heap has grown by
 * GROWTH (and MIN_GROWTH at least) since the last collection: counted with a heap whose size the
 * test sets, over real builds of a document.
 */
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { collectBetweenBuilds, GROWTH, MIN_GROWTH } from '../../server/src/language/collect-between-builds.js';
import { createDrbdServices } from '../../server/src/language/drbd-module.js';

const TEXT = 'resource r0 { device minor 1; disk /dev/sdb; meta-disk internal; on a { address 10.0.0.1:7788; node-id 0; } on b { address 10.0.0.2:7788; node-id 1; } }\n';
const MB = 1024 * 1024;

/** A workspace of one document whose heap has `size` bytes, and collections that leave `live`. */
function workspace(live: number) {
    const { shared } = createDrbdServices(EmptyFileSystem);
    const heap = { size: live, live, collections: [] as number[] };
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
        const { heap, build } = workspace(100 * MB);
        await build();
        expect(heap.collections).toEqual([100 * MB]);

        heap.size = 100 * MB * GROWTH - 1;
        await build();
        expect(heap.collections).toHaveLength(1);

        heap.size = 100 * MB * GROWTH;
        heap.live = 120 * MB;
        await build();
        expect(heap.collections).toEqual([100 * MB, 100 * MB * GROWTH]);

        // Counted from what the last collection left.
        heap.size = 120 * MB * GROWTH - 1;
        await build();
        expect(heap.collections).toHaveLength(2);
        heap.size = 120 * MB * GROWTH;
        await build();
        expect(heap.collections).toEqual([100 * MB, 100 * MB * GROWTH, 120 * MB * GROWTH]);
    });

    test('leaves a small heap to V8: it grows by MIN_GROWTH first', async () => {
        const { heap, build } = workspace(20 * MB);
        await build();
        heap.size = 20 * MB * GROWTH;
        await build();
        expect(heap.collections).toHaveLength(1);
        heap.size = 20 * MB + MIN_GROWTH;
        await build();
        expect(heap.collections).toEqual([20 * MB, 20 * MB + MIN_GROWTH]);
    });

    test('runs once the build has ended', async () => {
        const { heap, build, buildOnly } = workspace(100 * MB);
        await build();
        heap.size = 1000 * MB;
        await buildOnly();
        expect(heap.collections).toHaveLength(1);
        await new Promise((resolve) => setImmediate(resolve));
        expect(heap.collections).toEqual([100 * MB, 1000 * MB]);
    });

    test('is off where Node gives no gc (the server run without --expose-gc)', () => {
        const { shared } = createDrbdServices(EmptyFileSystem);
        expect(() => collectBetweenBuilds(shared, { used: () => 0 })).not.toThrow();
    });
});
