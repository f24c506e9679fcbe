// The field order of a projection's output, as mongod gives it. mingo puts an inclusion projection's fields in
// alphabetical order with `_id` last; mongod keeps `_id` first, then the kept fields in the document's own order,
// then the computed ones in the order the projection names them.
import type { Document } from 'bson';
import { $project } from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { isPlainObject } from '../json-schema/bson-values.js';

type Stream = Parameters<typeof $project>[0];

/** Operators of a find projection that keep a field where it is rather than compute a new one. */
const KEEPING_OPERATORS = new Set(['$slice', '$elemMatch']);

interface Plan {
  /** Top-level fields kept from the document (a dotted path keeps its first field), in no particular order. */
  kept: Set<string>;
  /** Top-level fields computed by an expression, in the projection's order. */
  computed: string[];
}

const plans = new WeakMap<Document, Plan | null>();

/** How a projection orders its output; null for an exclusion projection, whose output already keeps the order. */
function planOf(spec: Document): Plan | null {
  let plan = plans.get(spec);
  if (plan !== undefined) return plan;
  const kept = new Set<string>();
  const computed: string[] = [];
  let includes = false;
  for (const [path, value] of Object.entries(spec)) {
    const field = path.split('.')[0];
    const keeps = typeof value === 'number' || typeof value === 'boolean' || (isPlainObject(value) && KEEPING_OPERATORS.has(Object.keys(value)[0]));
    if (keeps) {
      if (value === 0 || value === false) continue;
      includes = true;
      kept.add(field);
    } else {
      includes = true;
      if (path.includes('.')) kept.add(field);
      else computed.push(field);
    }
  }
  plan = includes ? { kept, computed } : null;
  plans.set(spec, plan);
  return plan;
}

/** `sub` with its fields in `model`'s order, those `model` lacks after them: how nested kept documents come out. */
function likeModel(sub: unknown, model: unknown): unknown {
  if (!isPlainObject(sub) || !isPlainObject(model)) return sub;
  const out: Document = {};
  for (const key of Object.keys(model)) if (key in sub) out[key] = likeModel(sub[key], model[key]);
  for (const key of Object.keys(sub)) if (!(key in out)) out[key] = sub[key];
  return out;
}

/** A projected document with its fields in mongod's order, given the document it came from and the projection. */
export function inProjectionOrder(projected: Document, input: Document, spec: Document): Document {
  const plan = planOf(spec);
  if (plan === null) return projected;
  const out: Document = {};
  if ('_id' in projected) out._id = projected._id;
  for (const key of Object.keys(input)) {
    if (key !== '_id' && plan.kept.has(key) && key in projected && !(key in out)) out[key] = likeModel(projected[key], input[key]);
  }
  for (const key of plan.computed) if (key in projected && !(key in out)) out[key] = projected[key];
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return out;
}

/** mingo's $project with its output in mongod's field order. */
export function orderedProjectStage() {
  return (coll: Stream, expr: Document, options: Options): Stream => {
    const inputs: Document[] = [];
    let next = 0;
    const projected = $project(coll.map((doc: Document) => (inputs.push(doc), doc)), expr, options);
    return projected.map((doc: Document) => {
      const input = inputs[next];
      inputs[next++] = undefined as never; // not kept past its use
      return inProjectionOrder(doc, input, expr);
    });
  };
}
