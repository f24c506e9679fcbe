import { isDeepStrictEqual } from 'node:util';
import type { RecordInput } from './kind.js';

/** Top-level fields that were added, removed or changed between two versions, sorted. */
export function changedFields(before: RecordInput, after: RecordInput): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !isDeepStrictEqual(before[name], after[name])).sort();
}
