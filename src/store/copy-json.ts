// Copies of store data handed to callers (split from store.ts).

/**
 * Deep copy of JSON data that shares the strings (immutable in JS): callers may change the copy freely, but only the
 * object shells are allocated, not the text. For 10,000 certificates (~20 MB of PEM and names) this is a few MB and
 * several times faster than structuredClone, which copies every string. Anything that is not a plain object or array
 * (not produced by JSON.parse) falls back to structuredClone.
 */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i]);
    return out as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const v = copyJson((value as Record<string, unknown>)[k]);
    // A "__proto__" key from JSON.parse is an own property; plain assignment would set the prototype instead.
    if (k === '__proto__') Object.defineProperty(out, k, {value: v, enumerable: true, writable: true, configurable: true});
    else out[k] = v;
  }
  return out as T;
}

/** A copy of an update's result; values structuredClone cannot copy (KeyObject) are returned as they are. */
export function cloneResult<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value; // KeyObject and the like: not part of the document anyway
  }
}
