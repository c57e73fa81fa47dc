// Loading the kubeconfig's contexts, choosing one, and its namespaces.
import type { Contexts } from '../../../main/api/contract';
import { client } from '../client/current-client';
import { toWireError } from '../client/wire-error';
import { useContextsStore } from '../stores/contexts-store';
import { useDetailsStore } from '../stores/details-store';
import { useNamespacesStore } from '../stores/namespaces-store';
import { isString, loadPref, savePref } from '../stores/persist';
import { noteTransportError } from './connection';
import { restartWatch, stopWatch } from './pod-watch';

const LAST_CONTEXT = 'lastContext';

/** `snoopy web --context C` opens the page with `#…&context=C`: it wins over the remembered one. */
let requested: string | undefined;
export function requestContext(name: string | undefined): void {
  requested = name;
}

function usable(contexts: Contexts, name: string | undefined): name is string {
  return !!name && contexts.contexts.some((c) => c.name === name && !c.problem);
}

/** The remembered context, else the kubeconfig's current-context, else the first usable one. */
export function initialContext(contexts: Contexts, remembered?: string): string | undefined {
  if (usable(contexts, remembered)) return remembered;
  if (usable(contexts, contexts.currentContext)) return contexts.currentContext;
  return contexts.contexts.find((c) => !c.problem)?.name;
}

export async function loadContexts(): Promise<void> {
  try {
    applyContexts(await client().call('contexts.list', {}));
  } catch (err) {
    const error = toWireError(err);
    if (!noteTransportError(error)) useContextsStore.getState().setLoadError(error);
  }
}

export function applyContexts(contexts: Contexts): void {
  const store = useContextsStore.getState();
  store.setContexts(contexts);
  if (usable(contexts, store.selected)) return;
  const next = usable(contexts, requested)
    ? requested
    : initialContext(contexts, loadPref(LAST_CONTEXT, undefined, isString));
  if (next) chooseContext(next);
  else {
    store.setSelected(undefined);
    stopWatch();
  }
}

export function chooseContext(name: string): void {
  useContextsStore.getState().setSelected(name);
  savePref(LAST_CONTEXT, name);
  useDetailsStore.getState().setOpen(false);
  void loadNamespaces(name);
  void restartWatch();
}

export async function loadNamespaces(context: string): Promise<void> {
  const store = useNamespacesStore.getState();
  store.setList(context, { loading: true, names: store.lists[context]?.names });
  try {
    const { namespaces, warning } = await client().call('namespaces.list', { context });
    useNamespacesStore.getState().setList(context, {
      loading: false,
      names: [...namespaces].sort(),
      ...(warning ? { warning } : {}),
    });
  } catch (err) {
    const error = toWireError(err);
    if (noteTransportError(error)) return;
    useNamespacesStore.getState().setList(context, { loading: false, error });
  }
}

export function chooseNamespaces(namespaces: string[]): void {
  const context = useContextsStore.getState().selected;
  if (!context) return;
  useNamespacesStore.getState().choose(context, namespaces);
  void restartWatch();
}
