/**
 * Random option statements, judged by checkOption and by the real drbdadm: both must accept or
 * reject the same ones with the same words, and agree on whether parsing stops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOption, type OptionInfo, optionNames, type OptionSection } from '../../../server/src/drbd/options/index.js';
import { KNOWN_RELEASES, type ReleaseVersion } from '../../../server/src/drbd/release.js';
import { INSTALLED_RELEASE, otherReleases } from '../../oracle.js';
import { disagreements, type OptionCase } from './oracle.js';

const SECTIONS: OptionSection[] = ['net', 'disk', 'peer-disk', 'options', 'startup', 'handlers', 'proxy', 'syncer'];
/** Names of every known release, so that names a release does not know come up too. */
const ALL_NAMES = [...new Set(KNOWN_RELEASES.flatMap((r) => SECTIONS.flatMap((s) => optionNames(s, r))))];
const ODD_NAMES = ['rate', 'after', 'outdate-peer', 'discard-my-data', 'max-bio-size', 'diskless', 'tentative', 'fencing', 'block-size'];

const WORD_CHAR = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-'.split('');
const word = (max: number) => fc.string({ unit: fc.constantFrom(...WORD_CHAR), minLength: 1, maxLength: max });

/** A valid name with one character dropped, doubled or replaced. */
const misspelt = (name: string) =>
    fc.tuple(fc.nat(name.length - 1), fc.constantFrom('drop', 'double', 'replace'), fc.constantFrom(...'aeiou-_'.split('')))
        .map(([i, how, c]) => name.slice(0, i) + (how === 'drop' ? '' : how === 'double' ? name[i]! + name[i] : c) + name.slice(i + 1))
        .filter((n) => n.length > 0);

const nameFor = (section: OptionSection, R: ReleaseVersion) =>
    fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...optionNames(section, R)) },
        { weight: 2, arbitrary: fc.constantFrom(...optionNames(section, R)).map((n) => `no-${n}`) },
        { weight: 2, arbitrary: fc.constantFrom(...ALL_NAMES, ...ODD_NAMES) },
        { weight: 2, arbitrary: fc.constantFrom(...optionNames(section, R)).chain(misspelt) },
        { weight: 1, arbitrary: word(24) },
    );

const SUFFIXES = ['', 'K', 'k', 'M', 'm', 'G', 'g', 's'];
const SUFFIX_BYTES: Record<string, bigint> = { K: 1024n, k: 1024n, M: 1n << 20n, m: 1n << 20n, G: 1n << 30n, g: 1n << 30n, s: 512n };
const NATIVE_BYTES: Record<string, bigint> = { '1': 1n, k: 1024n, s: 512n };

/** Numbers near a limit of the option, written with a random unit suffix. */
const nearLimit = (o: OptionInfo) =>
    fc.tuple(fc.constantFrom(...[o.min, o.max].filter((v) => v !== undefined)), fc.constantFrom(...SUFFIXES), fc.integer({ min: -2, max: 2 }))
        .map(([limit, suffix, delta]) => {
            const native = o.type === 'numeric' ? NATIVE_BYTES[o.unitPrefix ?? '1']! : 1n;
            const v = suffix === '' ? limit : (limit * native) / SUFFIX_BYTES[suffix]!;
            return `${v + BigInt(delta) < 0n ? 0n : v + BigInt(delta)}${suffix}`;
        });

const quoted = (max: number) =>
    fc.string({ unit: fc.constantFrom(...WORD_CHAR, ' ', ' ', ':', '=', '+'), maxLength: max }).map((s) => `"${s}"`);

const anyValue = fc.oneof(
    fc.tuple(fc.bigInt(0n, 1n << 42n), fc.constantFrom(...SUFFIXES)).map(([n, s]) => `${n}${s}`),
    fc.tuple(fc.bigInt(0n, (1n << 66n)), fc.constantFrom('', 'K', 's', 'G')).map(([n, s]) => `${n}${s}`),
    fc.constantFrom('yes', 'no', 'ask', '-1', '0', '1', '0x10', '10X', '1.5', '"5 "', '" 7"', '""', 'on', 'off', 'majority'),
    word(40),
    quoted(80),
);

const valueFor = (o: OptionInfo | undefined) => {
    const specific: fc.Arbitrary<string>[] = [];
    if (o?.min !== undefined) specific.push(nearLimit(o));
    if (o?.values) specific.push(fc.constantFrom(...o.values), fc.constantFrom(...o.values).map((v) => v.toLowerCase()));
    if (o?.symbols) specific.push(fc.constantFrom(...o.symbols));
    if (o?.maxLen !== undefined) {
        const around = fc.integer({ min: o.maxLen - 2, max: o.maxLen + 2 });
        // one scanner token: words up to 128 characters, quoted strings up to 255
        specific.push(around.map((n) => 'x'.repeat(Math.min(n, 128))), around.map((n) => `"${'y '.repeat(n).slice(0, Math.min(n, 255))}"`));
    }
    const present = specific.length ? fc.oneof({ weight: 2, arbitrary: fc.oneof(...specific) }, { weight: 1, arbitrary: anyValue }) : anyValue;
    return fc.option(present, { freq: 6, nil: undefined });
};

export const optionCaseFor = (R: ReleaseVersion): fc.Arbitrary<OptionCase> => fc
    .constantFrom(...SECTIONS)
    .chain((section) => nameFor(section, R).map((name) => ({ section, name })))
    .chain(({ section, name }) => valueFor(findOption(section, name, R)).map((token) => (token === undefined ? { section, name } : { section, name, token })));

describe('checkOption against drbdadm 9.22', () => {
    it('agrees on 300 random option statements', async () => {
        const cases = fc.sample(optionCaseFor(INSTALLED_RELEASE.release), { seed: 922, numRuns: 300 });
        expect(await disagreements(cases)).toEqual([]);
    }, 60_000);
});

const others = otherReleases();

describe.skipIf(others.missing !== undefined)(`checkOption against other drbd-utils releases${others.missing ? ` (skipped: ${others.missing})` : ''}`, () => {
    for (const oracle of others.releases) {
        it(`agrees with drbdadm ${oracle.release} on 60 random option statements`, async () => {
            const seed = Number(oracle.release.replace(/\./g, ''));
            const cases = fc.sample(optionCaseFor(oracle.release), { seed, numRuns: 60 });
            expect(await disagreements(cases, oracle)).toEqual([]);
        }, 60_000);
    }
});
