export interface HeapProbe {
    nodeArgs: string[];
    env: NodeJS.ProcessEnv;
    /** Live heap + external memory in bytes after a full collection in process `pid`. */
    liveHeap(pid: number): Promise<number>;
    dispose(): void;
}

/** Node arguments and environment that preload heap-probe.cjs, and a reader of the process's live heap. */
export function heapProbe(): HeapProbe;
