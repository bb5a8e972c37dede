// The long fuzz, soak and mutation-differential runs (at DRBD_FUZZ_SCALE >= 8 every substitute on every token): the same tests as `npm test` runs, DRBD_FUZZ_SCALE times
// as many inputs and edits (default 8: about 12 000 fuzz inputs). Usage: npm run fuzz [-- SCALE [SEED]]
import { spawnSync } from 'node:child_process';

const [scale = '8', seed] = process.argv.slice(2);
const env = { ...process.env, DRBD_FUZZ_SCALE: scale, ...(seed ? { DRBD_FUZZ_SEED: seed } : {}) };
const run = spawnSync('npx', ['vitest', 'run', '--testTimeout=3600000', 'test/fuzz', 'test/language/soak.test.ts', 'test/language/mutation-differential.test.ts'], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
