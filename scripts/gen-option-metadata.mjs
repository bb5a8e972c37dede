#!/usr/bin/env node
// Regenerates server/src/drbd/options/option-metadata.json from the installed drbd-utils:
// `drbdsetup xml-help CMD` prints the same field tables drbdadm checks config values against,
// so the option table never drifts from the tool it imitates (test/drbd/options diffs it).
//
// usage: node scripts/gen-option-metadata.mjs [--stdout]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
    // Known to drbdsetup but not settable from drbd.conf in 9.22: kept so tools can say so.
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

function optionNamesOf(command) {
    return new Set(parseXmlHelp(run('drbdsetup', ['xml-help', command])).options.map((o) => o.name));
}

export function generate() {
    const version = /^DRBDADM_VERSION=(.*)$/m.exec(run('drbdadm', ['--version']))?.[1];
    if (!version) throw new Error('cannot read DRBDADM_VERSION from drbdadm --version');
    const commands = {};
    const options = {};
    for (const { command, sections, changeableBy } of COMMANDS) {
        const help = parseXmlHelp(run('drbdsetup', ['xml-help', command]));
        const changeable = changeableBy ? optionNamesOf(changeableBy) : new Set();
        const kept = help.options.filter((o) => o.type !== 'flag');
        commands[command] = { summary: help.summary, arguments: help.arguments, options: kept.map((o) => o.name) };
        for (const { name, ...rest } of kept) {
            if (options[name]) throw new Error(`option ${name} in ${command} and ${options[name].command}`);
            options[name] = {
                command,
                sections,
                ...(changeable.has(name) ? { changeableBy } : {}),
                ...rest,
            };
        }
    }
    return { generatedBy: 'scripts/gen-option-metadata.mjs', drbdadmVersion: version, commands, options };
}

export const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '../server/src/drbd/options/option-metadata.json');

export function render(data) {
    return JSON.stringify(data, null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const text = render(generate());
    if (process.argv.includes('--stdout')) process.stdout.write(text);
    else writeFileSync(OUTPUT, text);
}
