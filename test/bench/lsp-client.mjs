// A minimal LSP client over stdio for the benchmark: JSON-RPC framing, requests with ids,
// diagnostics kept per URI with waiters, and the few server→client requests Langium sends.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { importTs } from './ts-run.mjs';

/** The server runs as VS Code runs it: with the client's Node flags. */
const { SERVER_NODE_FLAGS, serverEnvironment } = await importTs('common/src/server-node-flags.ts');

export class LspClient {
    /** Starts `node FLAGS SERVER --stdio` with the workspace folder `root` (a directory path). */
    static async start(serverPath, root, { timeoutMs = 60_000, nodeArgs = [], env = process.env } = {}) {
        const client = new LspClient(spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(nodeArgs ?? []), serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...env, ...serverEnvironment(env) } }), timeoutMs);
        const rootUri = pathToFileURL(root).href;
        await client.request('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'bench' }],
            capabilities: { textDocument: { publishDiagnostics: {}, hover: {}, completion: {} }, workspace: { workspaceFolders: true, configuration: true } },
        });
        client.notify('initialized', {});
        return client;
    }

    constructor(child, timeoutMs) {
        this.child = child;
        this.timeoutMs = timeoutMs;
        this.nextId = 1;
        this.pending = new Map();
        /** uri → { diagnostics, version, at } of the latest publishDiagnostics. */
        this.diagnostics = new Map();
        this.waiters = [];
        this.versions = new Map();
        this.buffer = Buffer.alloc(0);
        this.stderr = '';
        child.stdout.on('data', (chunk) => this.receive(chunk));
        child.stderr.on('data', (chunk) => { this.stderr = (this.stderr + chunk).slice(-4000); });
        this.exited = new Promise((resolve) => child.on('exit', resolve));
    }

    get pid() {
        return this.child.pid;
    }

    receive(chunk) {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const headerEnd = this.buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())[1]);
            if (this.buffer.length < headerEnd + 4 + length) return;
            const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
            this.buffer = this.buffer.subarray(headerEnd + 4 + length);
            this.dispatch(message);
        }
    }

    dispatch(message) {
        if (message.id !== undefined && message.method === undefined) {
            const p = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (message.error) p?.reject(new Error(message.error.message));
            else p?.resolve(message.result);
        } else if (message.id !== undefined) {
            // workspace/configuration wants one item per section asked; everything else takes null.
            const result = message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null;
            this.send({ jsonrpc: '2.0', id: message.id, result });
        } else if (message.method === 'textDocument/publishDiagnostics') {
            this.diagnostics.set(message.params.uri, { diagnostics: message.params.diagnostics, version: message.params.version, at: performance.now() });
            this.waiters = this.waiters.filter((w) => !w.check());
        }
    }

    send(message) {
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
        this.child.stdin.write(body);
    }

    request(method, params) {
        const id = this.nextId++;
        return this.bounded(new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.send({ jsonrpc: '2.0', id, method, params });
        }), `${method} answered`);
    }

    notify(method, params) {
        this.send({ jsonrpc: '2.0', method, params });
    }

    /** Resolves when `predicate()` holds after some publishDiagnostics (or at once if it holds now). */
    until(predicate, what) {
        return this.bounded(new Promise((resolve) => {
            const w = { check: () => (predicate() ? (resolve(), true) : false) };
            if (!w.check()) this.waiters.push(w);
        }), what);
    }

    bounded(promise, what) {
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out waiting for ${what} (${this.timeoutMs} ms); server stderr: ${this.stderr}`)), this.timeoutMs);
        });
        return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
    }

    open(path, languageId = 'drbd') {
        const uri = pathToFileURL(path).href;
        this.versions.set(uri, 1);
        this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: readFileSync(path, 'utf8') } });
        return uri;
    }

    /** Replaces a range of an open document (incremental sync); returns the new version. */
    edit(uri, range, text) {
        const version = this.versions.get(uri) + 1;
        this.versions.set(uri, version);
        this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
        return version;
    }

    /** Peak resident set size of the server process so far, in MB (Linux). */
    peakRssMb() {
        const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
        return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
    }

    /** shutdown + exit, then SIGKILL if the server does not go within 5 s. */
    async stop() {
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        try {
            await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 5000))]);
            this.notify('exit', null);
        } catch {
            // the server is gone or hung: the kill below ends it
        }
        const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
        await this.exited;
        clearTimeout(killer);
    }
}
