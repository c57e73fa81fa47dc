// Development entry of the packet worker (tests, tsx scripts): Node 20 does not apply
// `--import tsx` from a Worker's execArgv to the worker's own entry module, so this plain-JS
// entry registers tsx in the worker thread and then loads the TypeScript worker. The
// electron-vite bundle uses packet-worker.ts directly (built to JS; see client.ts).
import { tsImport } from 'tsx/esm/api';

await tsImport('./packet-worker.ts', import.meta.url);
