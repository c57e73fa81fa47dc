#!/usr/bin/env node
// `npx snoopy …` in a checkout: run the TypeScript CLI directly (no build step to forget).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
