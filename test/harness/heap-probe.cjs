// Preloaded into the language server by tests that measure its memory (`node --require`): on
// SIGUSR2 it runs a full garbage collection and writes process.memoryUsage() as JSON to the file
// named by DRBD_HEAP_PROBE. The server itself has no test hook; this lives only in test/.
const { writeFileSync, renameSync } = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const target = process.env.DRBD_HEAP_PROBE;
if (target) {
    process.on('SIGUSR2', () => {
        gc();
        // Written aside and renamed, so a reader never sees half a file.
        writeFileSync(`${target}.tmp`, JSON.stringify(process.memoryUsage()));
        renameSync(`${target}.tmp`, target);
    });
}
