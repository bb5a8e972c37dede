// The reading side of heap-probe.cjs, for the test LSP client and the bench: how to start a server
// with the probe, and its live heap on demand. `dispose()` removes the probe's folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROBE = fileURLToPath(new URL('./heap-probe.cjs', import.meta.url));

/** Node arguments and environment that preload the probe, and a reader of the process's live heap. */
export function heapProbe() {
    const dir = mkdtempSync(join(tmpdir(), 'drbd-heap-'));
    const file = join(dir, 'memory.json');
    return {
        nodeArgs: ['--require', PROBE],
        env: { ...process.env, DRBD_HEAP_PROBE: file },
        /** Live heap + external memory in bytes after a full collection in process `pid`. */
        async liveHeap(pid) {
            rmSync(file, { force: true });
            process.kill(pid, 'SIGUSR2');
            for (let i = 0; i < 100; i++) {
                await new Promise((r) => setTimeout(r, 100));
                try {
                    const m = JSON.parse(readFileSync(file, 'utf8'));
                    return m.heapUsed + m.external;
                } catch {
                    // not written yet
                }
            }
            throw new Error(`process ${pid} wrote no memory reading within 10 s`);
        },
        dispose: () => rmSync(dir, { recursive: true, force: true }),
    };
}
