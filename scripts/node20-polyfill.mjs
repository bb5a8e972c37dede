// Chevrotain 13 (under Langium 4.4) calls Object.groupBy, which Node 20 (our floor, and the Node of
// code-server 4.100) lacks. This is the only newer API it uses; define it where missing.
if (!Object.groupBy) {
    Object.groupBy = (items, keyOf) => {
        const groups = Object.create(null);
        let index = 0;
        for (const item of items) {
            const key = keyOf(item, index++);
            (groups[key] ??= []).push(item);
        }
        return groups;
    };
}
