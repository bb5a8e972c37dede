/**
 * A small LSP client for protocol tests: runs the built language server (`dist/server.cjs`,
 * `npm run build` first) over stdio, opens documents, waits for diagnostics with a bounded
 * timeout, sends requests. `close()` always ends the server process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { heapProbe } from './harness/live-heap.mjs';
import {
    createMessageConnection, ErrorCodes, ResponseError, StreamMessageReader, StreamMessageWriter, type Diagnostic, type MessageConnection,
    type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const SERVER = fileURLToPath(new URL('../dist/server.cjs', import.meta.url));

export interface LspClient {
    /** The server's answer to `initialize`. */
    capabilities: Record<string, unknown>;
    open(uri: string, text: string, languageId?: string): Promise<void>;
    change(uri: string, text: string): Promise<void>;
    /** The editor closes the document (didClose); `diagnostics()` looks at publications after this, for every file. */
    closeDocument(uri: string): Promise<void>;
    /**
     * The next diagnostics published for `uri` (after the last open/change) that satisfy
     * `predicate` (default: any), or an error after `timeoutMs`.
     */
    diagnostics(uri: string, predicate?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
    request<R = unknown>(method: string, params: unknown): Promise<R>;
    /** The document versions publishDiagnostics named for `uri`, in order (undefined where it named none). */
    publishedVersions(uri: string): (number | undefined)[];
    /**
     * The first notification `method` the server sent since it started (or since `after` of them)
     * that satisfies `predicate`, or an error after `timeoutMs`.
     */
    notification<P = unknown>(method: string, predicate?: (params: P) => boolean, timeoutMs?: number, after?: number): Promise<P>;
    /** How many notifications `method` the server sent so far. */
    notificationCount(method: string): number;
    /**
     * New settings (section → value, as `workspace/configuration` answers them), pushed with
     * `workspace/didChangeConfiguration`; `diagnostics()` looks at publications after this.
     */
    configure(settings: Record<string, unknown>): Promise<void>;
    /** The server's live heap after a full garbage collection, in bytes (needs `heapProbe`). */
    liveHeap(): Promise<number>;
    close(): Promise<void>;
}

export interface StartOptions {
    /** Workspace folder (a `file://` URI); the server loads its DRBD files at start. */
    rootUri?: string;
    /** Preload test/harness/heap-probe.cjs into the server, for `liveHeap()`. */
    heapProbe?: boolean;
    /** Another way to start the server (e.g. `bin/drbdconf lsp --stdio`) instead of node on dist/server.cjs. */
    command?: string[];
    /** The client's settings by section (e.g. `{ drbd: { utilsVersion: '9.28.0' } }`); default: none. */
    settings?: Record<string, unknown>;
    /** Answer `workspace/configuration` with this error instead. */
    configurationError?: string;
    /** The server's environment (default: this process's). */
    env?: NodeJS.ProcessEnv;
}

export async function startServer(options: StartOptions = {}): Promise<LspClient> {
    const probe = options.heapProbe ? heapProbe() : undefined;
    const [command, ...args] = options.command ?? [process.execPath, ...(probe?.nodeArgs ?? []), SERVER, '--stdio'];
    const env = probe ? { ...(options.env ?? process.env), DRBD_HEAP_PROBE: probe.env.DRBD_HEAP_PROBE } : options.env ?? process.env;
    const child: ChildProcess = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    // A plain JSON-RPC connection: unlike a ProtocolConnection's type, it takes a handler for every notification.
    const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));

    // Every publication per URI, with a counter of how many were published before the last open/change.
    const published = new Map<string, Diagnostic[][]>();
    const since = new Map<string, number>();
    const publishedVersionsOf = new Map<string, (number | undefined)[]>();
    const waiters = new Set<() => void>();
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        const list = published.get(p.uri) ?? [];
        list.push(p.diagnostics);
        published.set(p.uri, list);
        publishedVersionsOf.set(p.uri, [...(publishedVersionsOf.get(p.uri) ?? []), p.version]);
        for (const w of [...waiters]) w();
    });
    let settings = options.settings ?? {};
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
        options.configurationError ? new ResponseError(ErrorCodes.InternalError, options.configurationError) : p.items.map((i) => (i.section && settings[i.section]) ?? null));
    // Every other notification, by method.
    const notifications = new Map<string, unknown[]>();
    connection.onNotification((method, params) => {
        const list = notifications.get(method) ?? [];
        list.push(params);
        notifications.set(method, list);
        for (const w of [...waiters]) w();
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();

    const versions = new Map<string, number>();
    const rootUri = options.rootUri ?? null;
    const init = await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
        capabilities: {
            textDocument: {
                publishDiagnostics: {},
                hover: { contentFormat: ['markdown', 'plaintext'] },
                completion: { completionItem: { snippetSupport: true } },
                definition: { linkSupport: true },
                rename: { prepareSupport: true },
                codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
                semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
            },
            workspace: { workspaceFolders: true, configuration: true },
        },
    }) as { capabilities: Record<string, unknown> };
    await connection.sendNotification('initialized', {});

    const mark = (uri: string) => since.set(uri, published.get(uri)?.length ?? 0);
    /** What `find` finds, as soon as a message from the server makes it find something; an error after `timeoutMs`. */
    const waitFor = <T>(find: () => T | undefined, timeoutMs: number, failure: () => string) => new Promise<T>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const check = () => {
            const hit = find();
            if (hit === undefined) return false;
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
            return true;
        };
        timer = setTimeout(() => {
            waiters.delete(check);
            reject(new Error(failure()));
        }, timeoutMs);
        if (!check()) waiters.add(check);
    });

    return {
        capabilities: init.capabilities,
        async open(uri, text, languageId = 'drbd') {
            mark(uri);
            versions.set(uri, 1);
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
        },
        async change(uri, text) {
            mark(uri);
            const version = (versions.get(uri) ?? 1) + 1;
            versions.set(uri, version);
            await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        },
        async closeDocument(uri) {
            for (const known of published.keys()) mark(known);
            await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        },
        diagnostics(uri, predicate = () => true, timeoutMs = 15_000) {
            return waitFor(() => (published.get(uri) ?? []).slice(since.get(uri) ?? 0).find(predicate), timeoutMs,
                () => `no matching diagnostics for ${uri} within ${timeoutMs} ms\n${stderr}`);
        },
        request: <R>(method: string, params: unknown) => connection.sendRequest(method, params) as Promise<R>,
        publishedVersions: (uri) => publishedVersionsOf.get(uri) ?? [],
        notification<P>(method: string, predicate: (params: P) => boolean = () => true, timeoutMs = 15_000, after = 0) {
            return waitFor(() => ((notifications.get(method) ?? []) as P[]).slice(after).find(predicate), timeoutMs,
                () => `no matching ${method} notification within ${timeoutMs} ms: ${JSON.stringify(notifications.get(method) ?? [])}\n${stderr}`);
        },
        notificationCount: (method) => notifications.get(method)?.length ?? 0,
        async configure(next) {
            settings = next;
            for (const uri of published.keys()) mark(uri);
            await connection.sendNotification('workspace/didChangeConfiguration', { settings: next });
        },
        liveHeap() {
            if (!probe) throw new Error('liveHeap() needs startServer({ heapProbe: true })');
            return probe.liveHeap(child.pid!);
        },
        async close() {
            try {
                await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
                await connection.sendNotification('exit');
            } catch {
                // the process may already be gone
            }
            connection.dispose();
            if (child.exitCode === null && child.signalCode === null) {
                const exited = new Promise((r) => child.once('exit', r));
                child.kill('SIGKILL');
                await exited;
            }
            probe?.dispose();
        },
    };
}
