import { afterAll, beforeAll } from 'vitest';
import { startRig, type Rig, type RigOptions } from './rig.js';

/** Simulated hosts for the tests of the calling file: started before them, stopped after them. */
export function useRig(names: string[], opts: RigOptions = {}): () => Rig {
    let rig: Rig | undefined;
    beforeAll(async () => {
        rig = await startRig(names, opts);
    }, 20_000);
    afterAll(() => rig?.stop(), 20_000);
    return () => {
        if (!rig) throw new Error('the rig is not running');
        return rig;
    };
}
