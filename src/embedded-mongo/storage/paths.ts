import type { Document } from 'bson';

/**
 * Every value a dotted path reaches in a document, descending into arrays the way MongoDB's index
 * key generator does: arrays met on the way fan out, an array at the end contributes its elements.
 * A path that reaches nothing yields [undefined].
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  return valuesAtParts(doc, path.split('.'));
}

/** `valuesAtPath` for a path already split at its dots; an empty array at its end gives `empty` (an index's key for it). */
export function valuesAtParts(doc: unknown, parts: readonly string[], empty?: unknown): unknown[] {
  const out: unknown[] = [];
  collect(doc, parts, 0, out, false, empty);
  return out.length === 0 ? [undefined] : out;
}

/** `valuesAtPath`, and each array at the end of the path whole as well: what an equality to an array compares with. */
export function valuesAndArraysAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out, true, undefined);
  return out.length === 0 ? [undefined] : out;
}

function collect(value: unknown, parts: readonly string[], i: number, out: unknown[], wholeArrays: boolean, empty: unknown): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      if (wholeArrays) out.push(value);
      if (value.length === 0) out.push(empty);
      else for (const v of value) out.push(v);
    } else {
      out.push(value);
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const part = parts[i];
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) {
      collect(value[Number(part)], parts, i + 1, out, wholeArrays, empty);
      return;
    }
    for (const element of value) {
      if (element !== null && typeof element === 'object' && !Array.isArray(element)) collect(element, parts, i, out, wholeArrays, empty);
    }
    return;
  }
  collect((value as Document)[part], parts, i + 1, out, wholeArrays, empty);
}

/** The single value at a dotted path without array fan-out (undefined when absent). */
export function valueAtPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Document)[part];
  }
  return value;
}

/** Whether a path reaches an array anywhere, which makes an index on it multikey. */
export function pathHitsArray(doc: unknown, path: string): boolean {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return false;
    if (Array.isArray(value)) return true;
    value = (value as Document)[part];
  }
  return Array.isArray(value);
}
