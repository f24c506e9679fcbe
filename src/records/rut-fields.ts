import type { FieldError } from '../http/errors.js';
import { normalizeRut } from '../registry/rut.js';

const RUT_FIELDS = new Set(['taxId', 'run']);

/**
 * Every RUT/RUN anywhere in a body in its canonical form (12345678-5), so equal ids compare equal; a wrong
 * check digit is an error naming the field. Returns a copy.
 */
export function canonicalRuts<T>(value: T, pointer = '', errors: FieldError[] = []): { value: T; errors: FieldError[] } {
  const walk = (node: unknown, at: string): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${at}/${index}`));
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (RUT_FIELDS.has(key) && typeof child === 'string') {
        const canonical = normalizeRut(child);
        if (canonical === undefined) errors.push({ pointer: `${at}/${key}`, message: 'is not a valid RUT (check digit)' });
        out[key] = canonical ?? child;
      } else {
        out[key] = walk(child, `${at}/${key}`);
      }
    }
    return out;
  };
  return { value: walk(value, pointer) as T, errors };
}
