// npm run differential -- --drbdadm PATH [--runs N] [--seed S] [--show K]
// Checks drbdconf against a drbdadm of your own (e.g. a LINBIT host's): reads its release from
// `PATH --version`, reads generated configs as that release (`--utils-version`), and compares
// verdicts, reported lines, node-ids and every host's `-d up|down all` plan with what it prints.
// Prints the first K mismatches in full (the first of each kind first) and ends with `N passed, M failed`; exit 0 when none failed.
import { parseArgs } from 'node:util';
import { importTs } from '../test/bench/ts-run.mjs';

const USAGE = `usage: npm run differential -- --drbdadm PATH [--runs N] [--seed S] [--show K]
  --drbdadm PATH  the drbdadm to compare with (named drbdadm; its directory goes first on PATH,
                  so a drbdsetup beside it is the one it runs)
  --runs N        configs of each generator (default 100): every one is dumped, those of the
                  up generator also planned (up and down) on each of their hosts
  --seed S        the generators' seed (default 1)
  --show K        mismatches printed in full (default 3)
drbdadm runs in fresh UTS + network namespaces (unshare -u -n), as the project's oracles run it:
this needs root and util-linux's unshare.`;

function usage(problem) {
    console.error(`differential: ${problem}\n${USAGE}`);
    process.exit(2);
}

let values;
try {
    ({ values } = parseArgs({ options: { drbdadm: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, show: { type: 'string' }, help: { type: 'boolean' } } }));
} catch (e) {
    usage(e.message);
}
if (values.help) {
    console.log(USAGE);
    process.exit(0);
}
const count = (name, fallback, min) => {
    const text = values[name] ?? String(fallback);
    if (!/^\d+$/.test(text) || Number(text) < min) usage(`--${name} '${text}' is not a whole number of at least ${min}`);
    return Number(text);
};
if (!values.drbdadm) usage('--drbdadm PATH is required');
const runs = count('runs', 100, 1);
const seed = count('seed', 1, 0);
const show = count('show', 3, 0);

const { subjectAt, namespaceProblem, runDifferential, tally } = await importTs('test/releases/differential.ts');

const unshare = namespaceProblem();
if (unshare) usage(unshare);
const subject = subjectAt(values.drbdadm);
if ('problem' in subject) usage(subject.problem);

console.log(`differential: ${subject.path} is drbd-utils ${subject.oracle.release}; drbdconf reads the configs as ${subject.target.release}`);
if (subject.target.hint) console.log(`  (${subject.target.hint})`);
console.log(`${runs} configs of each generator, seed ${seed}`);
const comparisons = await runDifferential(subject, { runs, seed });
// The first mismatch of each kind (verdict, lines, ...) comes first, then the others in config order.
const failed = comparisons.filter((c) => !c.ok);
const firstOfKinds = new Set(failed.filter((c, i) => failed.findIndex((d) => d.kind === c.kind) === i));
const ordered = [...firstOfKinds, ...failed.filter((c) => !firstOfKinds.has(c))];
for (const c of ordered.slice(0, show)) console.log(`\n✗ ${c.what}\n${c.detail ?? ''}`);
if (ordered.length > show) {
    console.log(`\n... and ${ordered.length - show} more:`);
    for (const c of ordered.slice(show, show + 40)) console.log(`  ✗ ${c.what}`);
    if (ordered.length > show + 40) console.log(`  (${ordered.length - show - 40} more not listed)`);
}
const { summary, passed } = tally(comparisons);
console.log(`\n${summary}`);
console.log(`${passed} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
