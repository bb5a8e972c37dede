// Prints the top functions of a V8 .cpuprofile by self time and by inclusive time (for `--cpu-prof`).
import { readFileSync } from 'node:fs';

const [file, count = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + interval);
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
const selfBy = new Map();
const totalBy = new Map();
for (const [id, ms] of self) {
    const n = byId.get(id);
    selfBy.set(name(n), (selfBy.get(name(n)) ?? 0) + ms);
    const names = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) names.add(name(byId.get(cur)));
    for (const k of names) totalBy.set(k, (totalBy.get(k) ?? 0) + ms);
}
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(count)).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`).join('\n');
console.log(`total ${(profile.endTime - profile.startTime) / 1000 | 0} ms\n-- self --\n${top(selfBy)}\n-- inclusive --\n${top(totalBy)}`);

// `--callers NAME`: inclusive time of NAME split by the chain of its nearest 4 callers.
const at = process.argv.indexOf('--callers');
if (at > 0) {
    const wanted = process.argv[at + 1];
    const chains = new Map();
    for (const [id, ms] of self) {
        const stack = [];
        for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(name(byId.get(cur)));
        const i = stack.findIndex((s) => s.startsWith(wanted));
        if (i < 0) continue;
        const chain = stack.slice(i, i + 6).join(' < ');
        chains.set(chain, (chains.get(chain) ?? 0) + ms);
    }
    console.log(`-- callers of ${wanted} --\n${top(chains)}`);
}

// `--under NAME`: self time of the functions called (at any depth) by NAME.
const under = process.argv.indexOf('--under');
if (under > 0) {
    const wanted = process.argv[under + 1];
    const inside = new Map();
    for (const [id, ms] of self) {
        let found = false;
        for (let cur = parent.get(id); cur !== undefined && !found; cur = parent.get(cur)) found = name(byId.get(cur)).startsWith(wanted);
        if (!found && !name(byId.get(id)).startsWith(wanted)) continue;
        const k = name(byId.get(id));
        inside.set(k, (inside.get(k) ?? 0) + ms);
    }
    console.log(`-- self time under ${wanted} --\n${top(inside)}`);
}
