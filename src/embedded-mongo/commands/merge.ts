// $merge: writes a pipeline's results into a collection, matching each to a target document by the `on` fields.
import { ObjectId, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { canonicalKey } from '../query/bson-order.js';
import { runPipeline } from '../query/mingo.js';
import { sameContent, withId } from '../query/update.js';
import { checkNames } from '../storage/catalog.js';
import { valueAtPath } from '../storage/paths.js';
import type { CommandContext } from './context.js';
import { checkInsertSize, checkUpdatedSize, writeTarget } from './data.js';

const WHEN_MATCHED = new Set(['replace', 'keepExisting', 'merge', 'fail']);
const WHEN_NOT_MATCHED = new Set(['insert', 'discard', 'fail']);
const SPEC_FIELDS = new Set(['into', 'on', 'let', 'whenMatched', 'whenNotMatched']);

export interface MergeSpec {
  db: string;
  coll: string;
  on: string[];
  whenMatched: string | Document[];
  whenNotMatched: string;
  variables?: Document;
}

const enumeration = (field: string, value: unknown) => new CommandError('BadValue', `Enumeration value '${String(value)}' for field '$merge.${field}' is not a valid value.`);

/** Reads a $merge stage's specification, with MongoDB's refusals, before anything runs. */
export function parseMerge(spec: unknown, db: string): MergeSpec {
  if (typeof spec !== 'string' && (spec === null || typeof spec !== 'object' || Array.isArray(spec))) {
    throw new CommandError('Location51182', `$merge only supports a string or object argument, but found ${Array.isArray(spec) ? 'array' : typeof spec}`);
  }
  const given: Document = typeof spec === 'string' ? { into: spec } : (spec as Document);
  for (const field of Object.keys(given)) {
    if (!SPEC_FIELDS.has(field)) throw new CommandError('Location40415', `BSON field '$merge.${field}' is an unknown field.`);
  }
  const into = given.into;
  const target = typeof into === 'string' ? { db, coll: into } : into !== null && typeof into === 'object' ? { db: String((into as Document).db ?? db), coll: String((into as Document).coll) } : undefined;
  if (!target) throw new CommandError('Location51178', "$merge 'into' field must be either a string or an object, but found " + typeof into);
  checkNames(target.db, target.coll);
  const on = given.on === undefined ? ['_id'] : Array.isArray(given.on) ? given.on : [given.on];
  if (on.length === 0 || on.some((field) => typeof field !== 'string')) throw new CommandError('Location51186', "$merge 'on' array elements must be strings");
  const whenMatched = (given.whenMatched ?? 'merge') as string | Document[];
  if (!Array.isArray(whenMatched) && !WHEN_MATCHED.has(whenMatched)) throw enumeration('whenMatched', whenMatched);
  const whenNotMatched = String(given.whenNotMatched ?? 'insert');
  if (!WHEN_NOT_MATCHED.has(whenNotMatched)) throw enumeration('whenNotMatched', whenNotMatched);
  return { ...target, on: on as string[], whenMatched, whenNotMatched, variables: given.let as Document | undefined };
}

/**
 * Writes `results` into the target as $merge asks, in one write: a result matching a target document by the `on`
 * fields merges into it, replaces it, leaves it, goes through the `whenMatched` pipeline (with `$$new`), or fails; one
 * matching none is inserted, dropped, or fails. A result without `_id` gets one when `on` is `_id`. A refusal leaves
 * the target as it was (MongoDB keeps what it wrote before the failing document).
 */
export function writeMerge(ctx: CommandContext, results: Document[], merge: MergeSpec, bypassValidation: boolean): void {
  const targetCtx = merge.db === ctx.db ? ctx : { ...ctx, db: merge.db };
  const onId = merge.on.length === 1 && merge.on[0] === '_id';
  if (!onId) {
    const collection = ctx.engine.catalog.get(merge.db, merge.coll);
    const wanted = [...merge.on].sort().join(',');
    const unique = [...(collection?.indexes.values() ?? [])].some((index) => index.spec.unique && !index.spec.partialFilterExpression && Object.keys(index.spec.key).sort().join(',') === wanted);
    if (!unique) throw new CommandError('Location51183', 'Cannot find index to verify that join fields will be unique');
  }
  ctx.engine.write((batch) => {
    const target = writeTarget(targetCtx, merge.coll, batch, true)!;
    for (const result of results) {
      const doc = onId && result._id === undefined ? { _id: new ObjectId(), ...result } : result;
      const filter: Document = {};
      for (const field of merge.on) {
        const value = valueAtPath(doc, field);
        if (value === undefined || value === null || Array.isArray(value)) throw new CommandError('Location51132', "$merge write error: 'on' field cannot be missing, null, undefined or an array");
        filter[field] = value;
      }
      const [existing] = target.query({ filter, limit: 1 }).docs;
      if (existing === undefined) {
        if (merge.whenNotMatched === 'discard') continue;
        if (merge.whenNotMatched === 'fail') throw new CommandError('Location13113', '$merge could not find a matching document in the target collection for at least one document in the source collection');
        const inserted = withId(doc);
        checkInsertSize(inserted);
        if (!bypassValidation) target.validate(inserted);
        target.insert(inserted);
        continue;
      }
      if (merge.whenMatched === 'keepExisting') continue;
      if (merge.whenMatched === 'fail') throw new CommandError('DuplicateKey', `$merge failed: a document of the results matches one in ${merge.db}.${merge.coll} (whenMatched: 'fail')`);
      let next: Document;
      if (Array.isArray(merge.whenMatched)) {
        [next] = runPipeline(merge.whenMatched, [existing], () => [], { ...merge.variables, new: doc });
      } else if (merge.whenMatched === 'replace') {
        next = { ...doc };
      } else {
        next = { ...existing, ...doc };
      }
      if (next._id !== undefined && canonicalKey(next._id) !== canonicalKey(existing._id)) {
        throw new CommandError('ImmutableField', "$merge failed to update the matching document, did you attempt to modify the _id or the shard key? :: caused by :: Performing an update on the path '_id' would modify the immutable field '_id'");
      }
      next = { _id: existing._id, ...next };
      if (sameContent(existing, next)) continue;
      checkUpdatedSize(next, false);
      if (!bypassValidation) target.validate(next, existing);
      target.replace(existing, next);
    }
  });
}
