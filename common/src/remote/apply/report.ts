/** Apply's preview and summary as text lines, for the CLI and the editor's output channel. */
import { diffLines } from '../drift.js';
import { dryRunLine } from '../../../../server/src/drbd/up/shell-escape.js';
import type { ApplyReport } from './apply.js';
import type { HostApplyPreflight } from './preflight.js';

/** A host as the reports name it: its `on` name, and the ssh destination when that differs. */
const label = (h: { host: string; destination: string }) => (h.destination === h.host ? h.host : `${h.host} (${h.destination})`);

/** The per-host preview: each file's change (diff with context) and the host's own adjust commands. */
export function previewLines(preflight: HostApplyPreflight[]): string[] {
    const out: string[] = [];
    const say = (s: string) => out.push(s);
    say('Preview:');
    for (const p of preflight) {
        say(`  ${label(p)} — hostname ${p.nodename}, drbdadm ${p.drbdadmVersion ?? '?'}, kernel module ${p.kernelVersion ?? '?'}:`);
        for (const f of p.files) {
            if (!f.changed) {
                say(`    ${f.file.remote}: unchanged`);
                continue;
            }
            say(`    ${f.file.remote}: ${f.before ? 'changes' : 'new file'}`);
            for (const line of hunks(diffLines(lines(f.before), lines(f.file.content)))) say(`      ${line}`);
        }
        if (p.adjust.length === 0) say('    adjust: nothing to do');
        else {
            say(`    adjust: ${p.adjust.length} command${p.adjust.length === 1 ? '' : 's'}`);
            p.adjust.forEach((a, i) => say(`      ${i + 1}. ${dryRunLine(a)}`));
        }
    }
    return out;
}

/** One line naming, per host, the files that change and how many adjust commands run. */
export function confirmText(preflight: HostApplyPreflight[]): string {
    return preflight
        .map((p) => {
            const changed = p.files.filter((f) => f.changed).map((f) => f.file.remote);
            return `${p.host}: ${changed.length > 0 ? changed.join(', ') : 'no file changes'}; ${p.adjust.length} adjust command${p.adjust.length === 1 ? '' : 's'}`;
        })
        .join(' | ');
}

function lines(b: Buffer | null): string[] {
    if (!b) return [];
    const text = b.toString('utf8');
    return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** Changed lines with two lines of context; `…` where unchanged lines are left out. */
function hunks(diff: string[]): string[] {
    const keep = diff.map((l) => !l.startsWith('  '));
    const near = (i: number) => keep.slice(Math.max(0, i - 2), i + 3).some(Boolean);
    const out: string[] = [];
    diff.forEach((l, i) => {
        if (near(i)) out.push(l);
        else if (out.at(-1) !== '…') out.push('…');
    });
    return out;
}

/** Per host: files changed, what adjust ran, the status — or what failed. */
export function summaryLines(r: ApplyReport): string[] {
    const out: string[] = [];
    const say = (s: string) => out.push(s);
    say('Summary:');
    for (const p of r.namingProblems) say(`  refused: ${p}`);
    for (const p of r.preflight) {
        if (!p.ok) {
            say(`  ${label(p)}: preflight FAILED`);
            for (const x of p.problems) {
                say(`    ${x.check}: ${x.message}`);
                for (const line of (x.detail ?? '').split('\n').filter(Boolean)) say(`      | ${line}`);
            }
        }
    }
    if (r.phase === 'preflight') say(`  nothing was changed on any host${r.cancelled ? ' (cancelled)' : ': fix the problems above first'}`);
    if (r.phase === 'confirm') say('  not confirmed: nothing was changed on any host');
    for (const h of r.preflight) {
        const install = r.install.find((c) => c.host === h.host);
        const restore = r.restore?.find((c) => c.host === h.host);
        const run = r.adjust?.hosts.find((x) => x.host === h.host);
        const status = r.status.find((s) => s.host === h.host);
        if (r.phase === 'install' || r.phase === 'adjust') {
            const files = install ? install.done.filter((l) => l.startsWith('installed ')).map((l) => l.slice(10)) : [];
            say(`  ${label(h)}: ${install ? (install.ok ? `files changed: ${files.join(', ')}` : `install FAILED: ${install.message}`) : 'no file changed'}`);
            if (restore) say(`    ${restore.ok ? `restored${restore.done.length > 0 ? `: ${restore.done.join(', ')}` : ' (nothing had changed)'}` : `restore FAILED: ${restore.message}`}`);
        }
        if (run) {
            const s = run.steps[0];
            say(`    ${dryRunLine(s.step.argv)}: ${s.status === 'ok' ? 'ok' : s.status.toUpperCase()}${s.message ? ` — ${s.message}` : ''}`);
            const commands = h.adjust.length === 0 ? 'none' : h.adjust.map((a) => dryRunLine(a)).join('; ');
            // drbdadm runs them itself: after a stop only its output says how far it got.
            say(s.status === 'ok' ? `    commands it ran (as previewed): ${commands}` : `    commands previewed (it stopped part-way; its output above says how far): ${commands}`);
        }
        if (status) for (const line of status.text.split('\n')) say(`    status | ${line}`);
    }
    if (r.restore) say('  nothing was adjusted: every host that was changed has been restored');
    for (const l of r.leftovers) say(`  temp dir left behind on ${l}`);
    return out;
}
