// The preload bridge: the renderer will see named functions on window.snoopy (never a generic
// invoke). The contract's methods are added by the pod browser issue.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('snoopy', Object.freeze({ transport: 'electron' as const }));
