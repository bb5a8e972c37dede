import { getHeapStatistics } from 'node:v8';
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/** Heap growth since the last collection at which the next build's end collects: by this factor, and by MIN_GROWTH at least. */
export const GROWTH = 1.4;
/**
 * Below this, V8's own collections come first (at 1.5 times, SERVER_NODE_FLAGS): a small heap
 * collected at every other build would cost edits in a 1000-file workspace 30 ms at p95.
 */
export const MIN_GROWTH = 24 * 1024 * 1024;

/** What a collection needs of the process: `gc` is Node's with `--expose-gc` (SERVER_NODE_FLAGS), absent otherwise. */
export interface Heap {
    gc?: () => void;
    used(): number;
}

const processHeap = (): Heap => ({ gc: globalThis.gc, used: () => getHeapStatistics().used_heap_size });

/**
 * A full garbage collection when a build has ended (its diagnostics are out) and the heap has
 * grown by GROWTH (and MIN_GROWTH) since the last one; also after the first build, to count from
 * what is live.
 *
 * Why not leave it to V8: every keystroke in a large file leaves a copy of the whole text (2 MB at
 * 5000 resources) and the last analysis behind. V8 marks concurrently while the server works, and
 * a cycle that starts during a keystroke's analysis often keeps the texts of a dozen keystrokes as
 * live (a collection of 112 MB keeping 110); the next limit is then half as much again. Typing in
 * a 5000-resource file peaked at 199-450 MB that way, and at 175-178 MB with this, where one
 * collection takes 100-120 ms of the 14 keystrokes between two. Between builds the server is
 * idle, and what a collection then finds live is what the server keeps.
 */
export function collectBetweenBuilds(shared: LangiumSharedServices, heap: Heap = processHeap()): void {
    const { gc } = heap;
    if (!gc) return;
    let since: number | undefined;
    const collectIfGrown = () => {
        if (since !== undefined && heap.used() < Math.max(since * GROWTH, since + MIN_GROWTH)) return;
        gc();
        since = heap.used();
    };
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        // After the build: its diagnostics go out first.
        setImmediate(collectIfGrown);
    });
}
