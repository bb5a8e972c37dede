#!/usr/bin/env node
// Regenerates server/src/drbd/options/option-metadata.json from the drbd-utils releases at hand:
// each release's `drbdsetup xml-help CMD` prints the field tables its drbdadm checks config
// values against, so the option table never drifts from the tools it imitates
// (test/drbd/options diffs it). Releases are merged into one table whose rows say since (and
// until) which release they hold; a release not at hand keeps its rows from the checked-in file.
//
// usage: node scripts/gen-option-metadata.mjs [--stdout] [--utils DIR]...
//   The releases: the drbdadm/drbdsetup on PATH, and every DIR/X.Y.Z/{drbdadm,drbdsetup} of
//   $DRBD_UTILS_DIR (default ../shared/drbd-utils) and of each --utils DIR.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = join(ROOT, 'server/src/drbd/options/option-metadata.json');

/**
 * Which config sections feed which drbdsetup command (drbdadm_parser.c): `syncer {}` looks keys
 * up in the net, attach and resource tables; peer-device keys sit in both kinds of `disk {}`.
 * `changeableBy` is the command that can alter the option on a running resource.
 */
const COMMANDS = [
    { command: 'new-peer', sections: ['net', 'syncer'], changeableBy: 'net-options' },
    { command: 'attach', sections: ['disk', 'syncer'], changeableBy: 'disk-options' },
    { command: 'peer-device-options', sections: ['disk', 'peer-disk'], changeableBy: 'peer-device-options' },
    { command: 'new-resource', sections: ['options', 'syncer'], changeableBy: 'resource-options' },
    // Known to drbdsetup but not settable from drbd.conf: kept so tools can say so.
    { command: 'new-minor', sections: [], changeableBy: undefined },
    { command: 'connect', sections: [], changeableBy: undefined },
];

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e) => ENTITIES[e]);

function run(cmd, args) {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Consumes `<tag>text</tag>` elements from the front of `body`; anything else is an error. */
function children(body, where) {
    const out = [];
    const re = /^\s*<([a-z_]+)>([^<]*)<\/\1>/;
    let rest = body;
    for (let m = re.exec(rest); m; m = re.exec(rest)) {
        out.push([m[1], decode(m[2])]);
        rest = rest.slice(m[0].length);
    }
    if (rest.trim() !== '') throw new Error(`unexpected XML in ${where}: ${rest.trim().slice(0, 60)}`);
    return out;
}

const NUMBER_TAGS = new Set(['min', 'max']);

function parseOption(name, type, body, where) {
    const opt = { type };
    for (const [tag, text] of children(body, where)) {
        if (tag === 'handler' || tag === 'symbol') {
            const key = tag === 'handler' ? 'values' : 'symbols';
            (opt[key] ??= []).push(text);
        } else if (NUMBER_TAGS.has(tag)) {
            opt[tag] = Number(text);
        } else if (tag === 'default') {
            opt.default = type === 'numeric' ? Number(text) : text;
        } else if (tag === 'unit_prefix') {
            opt.unitPrefix = text;
        } else if (tag === 'unit') {
            opt.unit = text;
        } else {
            throw new Error(`unknown element <${tag}> in ${where}`);
        }
    }
    return opt;
}

export function parseXmlHelp(xml) {
    const cmd = /^<command name="([^"]+)">([\s\S]*)<\/command>\s*$/.exec(xml.trim());
    if (!cmd) throw new Error('no <command> element');
    let body = cmd[2];
    const summary = /^\s*<summary>([^<]*)<\/summary>/.exec(body);
    if (summary) body = body.slice(summary[0].length);
    const args = [];
    for (let m = /^\s*<argument>([^<]*)<\/argument>/.exec(body); m; m = /^\s*<argument>([^<]*)<\/argument>/.exec(body)) {
        args.push(decode(m[1]));
        body = body.slice(m[0].length);
    }
    const options = [];
    const optRe = /^\s*<option name="([^"]+)" type="([^"]+)">([\s\S]*?)<\/option>/;
    for (let m = optRe.exec(body); m; m = optRe.exec(body)) {
        options.push({ name: m[1], ...parseOption(m[1], m[2], m[3], `${cmd[1]} ${m[1]}`) });
        body = body.slice(m[0].length);
    }
    if (body.trim() !== '') throw new Error(`unexpected XML in ${cmd[1]}: ${body.trim().slice(0, 60)}`);
    return { name: cmd[1], summary: summary ? decode(summary[1]) : '', arguments: args, options };
}

/**
 * One release's view: `{ commands: {CMD: {summary, arguments, options: [NAME...]}}, options: {CMD: {NAME: {...}}} }`.
 * A name can sit in two commands (9.34's `bitmap` is an attach and a peer-device option).
 */
export function releaseView(drbdsetup) {
    const help = (command) => parseXmlHelp(run(drbdsetup, ['xml-help', command]));
    const commands = {};
    const options = {};
    for (const { command, sections, changeableBy } of COMMANDS) {
        const h = help(command);
        const changeable = changeableBy ? new Set(help(changeableBy).options.map((o) => o.name)) : new Set();
        const kept = h.options.filter((o) => o.type !== 'flag');
        commands[command] = { summary: h.summary, arguments: h.arguments, sections, options: kept.map((o) => o.name) };
        options[command] = {};
        for (const { name, ...rest } of kept) options[command][name] = { ...(changeable.has(name) ? { changeableBy } : {}), ...rest };
    }
    return { commands, options };
}

/** The drbd-utils releases at hand: version → drbdsetup path. */
export function releasesAtHand(extraDirs = []) {
    const found = new Map();
    const add = (drbdadm, drbdsetup) => {
        const version = /^DRBDADM_VERSION=(.*)$/m.exec(run(drbdadm, ['--version']))?.[1];
        if (!version) throw new Error(`cannot read DRBDADM_VERSION from ${drbdadm} --version`);
        found.set(version, drbdsetup);
    };
    add('drbdadm', 'drbdsetup');
    const dirs = [process.env.DRBD_UTILS_DIR ?? join(ROOT, '../shared/drbd-utils'), ...extraDirs];
    for (const dir of dirs.map((d) => resolve(d)).filter((d) => existsSync(d))) {
        for (const entry of readdirSync(dir).sort()) {
            const adm = join(dir, entry, 'drbdadm');
            if (/^\d+\.\d+\.\d+$/.test(entry) && existsSync(adm)) add(adm, join(dir, entry, 'drbdsetup'));
        }
    }
    return found;
}

export function compareVersions(a, b) {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
    return 0;
}

/** Rows `{since, until?, ...value}`: consecutive releases with equal values share one row. */
function mergeRows(releases, valueOf) {
    const rows = [];
    let last;
    releases.forEach((release, i) => {
        const value = valueOf(release);
        const text = value === undefined ? undefined : JSON.stringify(value);
        if (text !== undefined && last && last.text === text && last.end === i) {
            last.end = i + 1;
        } else if (text !== undefined) {
            last = { since: release, end: i + 1, text, value };
            rows.push(last);
        }
    });
    return rows.map(({ since, end, value }) => ({ since, ...(end < releases.length ? { until: releases[end] } : {}), ...value }));
}

/** Merges release views into the checked-in shape. */
export function merge(views) {
    const releases = [...views.keys()].sort(compareVersions);
    const commands = {};
    for (const { command } of COMMANDS) commands[command] = mergeRows(releases, (r) => views.get(r).commands[command]);
    const options = {};
    for (const { command } of COMMANDS) {
        const names = [...new Set(releases.flatMap((r) => Object.keys(views.get(r).options[command] ?? {})))].sort();
        options[command] = {};
        for (const name of names) options[command][name] = mergeRows(releases, (r) => views.get(r).options[command]?.[name]);
    }
    return { generatedBy: 'scripts/gen-option-metadata.mjs', releases, commands, options };
}

/** The view of one release inside a merged table (undefined when the table does not hold it). */
export function viewOf(table, release) {
    if (!table.releases?.includes(release)) return undefined;
    const holds = (row) => compareVersions(row.since, release) <= 0 && (!row.until || compareVersions(release, row.until) < 0);
    const strip = ({ since, until, ...value }) => value;
    const commands = {};
    for (const [name, rows] of Object.entries(table.commands)) {
        const row = rows.find(holds);
        if (row) commands[name] = strip(row);
    }
    const options = {};
    for (const [command, byName] of Object.entries(table.options)) {
        options[command] = {};
        for (const [name, rows] of Object.entries(byName)) {
            const row = rows.find(holds);
            if (row) options[command][name] = strip(row);
        }
    }
    return { commands, options };
}

export function generate(extraDirs = []) {
    const views = new Map();
    const old = existsSync(OUTPUT) ? JSON.parse(readFileSync(OUTPUT, 'utf8')) : { releases: [] };
    for (const release of old.releases ?? []) views.set(release, viewOf(old, release));
    for (const [release, drbdsetup] of releasesAtHand(extraDirs)) views.set(release, releaseView(drbdsetup));
    return merge(views);
}

export function render(data) {
    return JSON.stringify(data, null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const args = process.argv.slice(2);
    const extra = args.flatMap((a, i) => (args[i - 1] === '--utils' ? [a] : []));
    const text = render(generate(extra));
    if (args.includes('--stdout')) process.stdout.write(text);
    else writeFileSync(OUTPUT, text);
}
