// Small preferences remembered across starts (last context, namespaces per context, panel
// width). Never secrets. Failing storage (private mode, quota) only forgets.
const PREFIX = 'snoopy.';

export function loadPref<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + key);
    if (raw == null) return fallback;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function savePref(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Remembering is a convenience: ignore.
  }
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStringListRecord = (v: unknown): v is Record<string, string[]> =>
  !!v &&
  typeof v === 'object' &&
  Object.values(v).every((l) => Array.isArray(l) && l.every((s) => typeof s === 'string'));
