// The IPC channel names of the contract, shared by the main side (ipc.ts) and the preload: one
// named channel per contract method, generated from its keys, so the two cannot drift.
import { methods, type MethodName } from '../api/contract/index';

export const EVENT_CHANNEL = 'snoopy:event';

export function methodChannel(method: MethodName): `snoopy:${MethodName}` {
  return `snoopy:${method}`;
}

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

/** 'pods.watch' → ['pods', 'watch']: how the preload groups methods on window.snoopy. */
export function splitMethodName(method: string): [group: string, leaf: string] {
  const dot = method.indexOf('.');
  if (dot <= 0 || dot === method.length - 1)
    throw new Error(`contract method "${method}" is not group.name`);
  return [method.slice(0, dot), method.slice(dot + 1)];
}
