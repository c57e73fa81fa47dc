// The packet viewer (issue 5): open a capture file or a live session, rows on demand, detail,
// display filter, conversations, DNS, follow stream. Spread into the contract in ./index.ts.
export const packetMethods = {} as const;
export const packetEvents = {} as const;
