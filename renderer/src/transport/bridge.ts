// The shape of `window.snoopy`, the Electron preload bridge (main/app/preload.ts builds it from
// the contract's method names): one named function per method, grouped by the name's first part
// (`window.snoopy.pods.watch(input)`), plus onEvent. No generic invoke exists.
import type { EventName, MethodInput, MethodName } from '../../../main/api/contract/index';

type GroupOf<M extends string> = M extends `${infer G}.${string}` ? G : never;
type LeafOf<M extends string, G extends string> = M extends `${G}.${infer L}` ? L : never;

/** Every bridged function resolves to the wire result {ok, value} | {ok: false, error}. */
export type BridgeMethods = {
  readonly [G in GroupOf<MethodName>]: {
    readonly [L in LeafOf<MethodName, G>]: (
      input: MethodInput<Extract<MethodName, `${G}.${L}`>>,
    ) => Promise<unknown>;
  };
};

export type SnoopyBridge = BridgeMethods & {
  /** Every event of this window's connection; returns the unsubscribe. */
  readonly onEvent: (listener: (event: EventName, payload: unknown) => void) => () => void;
};

declare global {
  interface Window {
    /** Present only in the Electron app (set by the preload). */
    readonly snoopy?: SnoopyBridge;
  }
}

/** The bridged function of one method name, e.g. 'pods.watch' → bridge.pods.watch. */
export function bridgeFunction(
  bridge: SnoopyBridge,
  method: MethodName,
): ((input: unknown) => Promise<unknown>) | undefined {
  const dot = method.indexOf('.');
  const group = (bridge as unknown as Record<string, Record<string, unknown> | undefined>)[
    method.slice(0, dot)
  ];
  const fn = group?.[method.slice(dot + 1)];
  return typeof fn === 'function' ? (fn as (input: unknown) => Promise<unknown>) : undefined;
}
