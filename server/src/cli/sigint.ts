/** Runs `f` with `signal`, or, when none is given, with one that Ctrl-C aborts (saying so on `err`). */
export async function cancelOnSigint<T>(signal: AbortSignal | undefined, err: NodeJS.WritableStream, verb: string, f: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (signal) return f(signal);
    const abort = new AbortController();
    const onSigint = () => {
        if (!abort.signal.aborted) err.write(`\ndrbdconf ${verb}: cancelling: stopping the remote commands…\n`);
        abort.abort();
    };
    process.on('SIGINT', onSigint);
    try {
        return await f(abort.signal);
    } finally {
        process.off('SIGINT', onSigint);
    }
}
