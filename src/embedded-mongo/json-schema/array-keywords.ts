import type { Document } from 'bson';
import { bsonEquals, bsonTypeOf } from './bson-values.js';
import { booleanArgument, lengthArgument, objectArgument } from './arguments.js';
import { annotations, type Check, type CompiledSchema, type SubCompiler } from './compiled.js';
import { typeMismatch } from './errors.js';

/** minItems, maxItems, uniqueItems, items, additionalItems: they only constrain arrays. */
export function arrayKeywords(schema: Document, top: boolean, sub: SubCompiler): Check[] {
  const checks: Check[] = [];
  for (const keyword of ['minItems', 'maxItems'] as const) {
    if (schema[keyword] === undefined) continue;
    const limit = lengthArgument(keyword, schema[keyword]);
    const fails = keyword === 'minItems' ? (n: number) => n < limit : (n: number) => n > limit;
    checks.push((v) =>
      Array.isArray(v) && fails(v.length)
        ? [{ operatorName: keyword, specifiedAs: { [keyword]: schema[keyword] }, reason: 'array did not match specified length', consideredValue: v, numberOfItems: v.length }]
        : [],
    );
  }
  if (schema.uniqueItems !== undefined && booleanArgument('uniqueItems', schema.uniqueItems)) {
    checks.push((v) => {
      if (!Array.isArray(v)) return [];
      const at = v.findIndex((item, i) => v.slice(0, i).some((earlier) => bsonEquals(earlier, item)));
      return at >= 0
        ? [{ operatorName: 'uniqueItems', specifiedAs: { uniqueItems: true }, reason: 'found a duplicate item', consideredValue: v, duplicatedValue: v[at] }]
        : [];
    });
  }

  let additionalFrom: number | null = null;
  if (schema.items !== undefined) {
    const items = schema.items as unknown;
    if (Array.isArray(items)) {
      const positional = items.map((s, i) => {
        if (bsonTypeOf(s) !== 'object') {
          throw typeMismatch(`$jsonSchema keyword 'items' requires that each element of the array is an object, but found a ${bsonTypeOf(s)} at index ${i}`);
        }
        return sub(s as Document);
      });
      additionalFrom = positional.length;
      checks.push((v) => {
        if (!Array.isArray(v)) return [];
        const failures: Document[] = [];
        positional.forEach((schemaAt, i) => {
          if (i >= v.length) return;
          const details = schemaAt.check(v[i]);
          if (details.length > 0) failures.push({ itemIndex: i, details });
        });
        return failures.length > 0 ? [{ operatorName: 'items', details: failures }] : [];
      });
    } else if (bsonTypeOf(items) === 'object') {
      const each = sub(items as Document);
      checks.push(firstFailingItem('items', 'At least one item did not match the sub-schema', each, 0));
    } else {
      throw typeMismatch(`$jsonSchema keyword 'items' must be an array or an object, not ${bsonTypeOf(items)}`);
    }
  }
  if (schema.additionalItems !== undefined) {
    const extra = schema.additionalItems as unknown;
    let check: Check | null = null;
    if (typeof extra === 'boolean') {
      const from = additionalFrom;
      if (!extra && from !== null) {
        check = (v) =>
          Array.isArray(v) && v.length > from
            ? [{ operatorName: 'additionalItems', specifiedAs: { additionalItems: false }, reason: 'found additional items', additionalItems: v.slice(from) }]
            : [];
      }
    } else if (bsonTypeOf(extra) === 'object') {
      const each = sub(objectArgument('additionalItems', extra));
      if (additionalFrom !== null) {
        check = firstFailingItem('additionalItems', 'At least one additional item did not match the sub-schema', each, additionalFrom);
      }
    } else {
      throw typeMismatch(`$jsonSchema keyword 'additionalItems' must be either an object or a boolean, but got a ${bsonTypeOf(extra)}`);
    }
    if (check) checks.push(check);
  }
  return top ? [] : checks;
}

function firstFailingItem(operatorName: string, reason: string, schema: CompiledSchema, from: number): Check {
  return (v) => {
    if (!Array.isArray(v)) return [];
    for (let i = from; i < v.length; i++) {
      const details = schema.check(v[i]);
      if (details.length > 0) return [{ operatorName, ...annotations(schema), reason, itemIndex: i, details }];
    }
    return [];
  };
}
