// Capture sessions (issue 4): preflight, start/stop, progress per target, Wireshark.
// Methods and events are spread into the contract in ./index.ts.
export const captureMethods = {} as const;
export const captureEvents = {} as const;
