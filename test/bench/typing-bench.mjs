// A person typing: almost every keystroke leaves the text broken until the `;` or `}` arrives.
// Types a line into a resource one character at a time, as VS Code sends it (one range edit per
// keystroke), waits for the diagnostics of exactly that document version, then deletes the line
// the same way (Backspace). Two lines: an option (`max-buffers 8000;`) and a host section.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { p95 } from './lsp-bench.mjs';
import { LspClient } from './lsp-client.mjs';

export const TYPED_LINES = ['    max-buffers 8000;\n', '    on typed { address 10.250.0.1:7999; node-id 9; }\n'];

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Where a new line goes in `resource NAME {`: the start of the line after its header. */
function lineAfterHeader(text, resource) {
    const at = text.indexOf(`resource ${resource} {`);
    if (at < 0) throw new Error(`resource ${resource} not in the file`);
    return text.slice(0, at).split('\n').length; // 0-based line after the header
}

/**
 * Opens `file` (in the workspace `root`) and, once every file has its first diagnostics, types
 * and deletes each of TYPED_LINES inside `resource`. Per keystroke: time to the publication of
 * that version's diagnostics. Also the server's peak RSS.
 */
export async function typingLatency(server, root, file, resource, allFiles) {
    const client = await LspClient.start(server, root, { timeoutMs: 120_000 });
    try {
        const uri = client.open(file);
        await client.until(() => allFiles.every((u) => client.diagnostics.has(u)), 'the first diagnostics of every file');
        const line = lineAfterHeader(readFileSync(file, 'utf8'), resource);
        const times = [];
        const keystroke = async (range, text) => {
            const t0 = performance.now();
            const version = client.edit(uri, range, text);
            await client.until(() => client.diagnostics.get(uri)?.version === version, `diagnostics of version ${version}`);
            times.push(performance.now() - t0);
        };
        const at = (character) => ({ line, character });
        for (const typed of TYPED_LINES) {
            // typing: each character at the end of what is there; the final newline moves to the next line
            for (let i = 0; i < typed.length; i++) await keystroke({ start: at(i), end: at(i) }, typed[i]);
            // Backspace from the end: the newline first, then the characters
            await keystroke({ start: at(typed.length - 1), end: { line: line + 1, character: 0 } }, '');
            for (let i = typed.length - 2; i >= 0; i--) await keystroke({ start: at(i), end: at(i + 1) }, '');
        }
        return { keystrokes: times.length, p50: median(times), p95: p95(times), max: Math.max(...times), rssMb: client.peakRssMb() };
    } finally {
        await client.stop();
    }
}

/** The file URIs of a generated workspace whose files are `paths`. */
export const urisOf = (paths) => paths.map((p) => pathToFileURL(p).href);
