// Parse-time refusals of projections and pipeline stages, with MongoDB's codes and words, before anything runs:
// where mingo would run a malformed stage anyway (an empty $project, a $limit of 0, a $sort on nothing) or fail
// with a message of its own.
import type { Document } from 'bson';
import { CommandError, type ErrorCodeName } from '../errors.js';
import { isNumber, isPlainObject } from '../json-schema/bson-values.js';

const ACCUMULATORS = new Set([
  '$sum', '$avg', '$first', '$last', '$max', '$min', '$push', '$addToSet', '$stdDevPop', '$stdDevSamp', '$mergeObjects',
  '$count', '$top', '$bottom', '$topN', '$bottomN', '$firstN', '$lastN', '$maxN', '$minN', '$median', '$percentile', '$accumulator',
]);

const fail = (code: ErrorCodeName, message: string) => new CommandError(code, message);

/**
 * A projection either keeps or drops fields (only `_id` may differ): its first field decides which, and the first
 * field that disagrees is named (31254 or 31253). `context` prefixes the message, as `$project` does.
 */
export function checkProjection(projection: Document, context = ''): void {
  let mode: 'include' | 'exclude' | undefined;
  for (const [field, value] of Object.entries(projection)) {
    if (field === '_id' || (value !== null && typeof value === 'object')) continue;
    const kind = value === 0 || value === false ? 'exclude' : typeof value === 'number' || typeof value === 'boolean' ? 'include' : undefined;
    if (kind === undefined) continue;
    mode ??= kind;
    if (kind === mode) continue;
    if (kind === 'exclude') throw fail('Location31254', `${context}Cannot do exclusion on field ${field} in inclusion projection`);
    throw fail('Location31253', `${context}Cannot do inclusion on field ${field} in exclusion projection`);
  }
}

/** Checks one stage of a pipeline; `inFacet` for the stages of a `$facet`, where some may not go. */
export function checkPipelineStage(name: string, spec: unknown, inFacet = false): void {
  switch (name) {
    case '$group':
      return checkGroup(spec);
    case '$project':
      if (!isPlainObject(spec)) throw fail('Location15969', '$project specification must be an object');
      if (Object.keys(spec).length === 0) throw fail('Location51272', 'Invalid $project :: caused by :: projection specification must have at least one field');
      return checkProjection(spec, 'Invalid $project :: caused by :: ');
    case '$addFields':
    case '$set':
      if (!isPlainObject(spec)) throw fail('Location40272', `${name} specification stage must be an object, got ${typeof spec}`);
      for (const field of Object.keys(spec)) {
        if (field.startsWith('$')) throw fail('Location16410', "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
      }
      return;
    case '$limit':
      if (!isNumber(spec)) throw fail('Location15957', 'the limit must be specified as a number');
      if (Number(spec) <= 0) throw fail('Location15958', 'the limit must be positive');
      return;
    case '$skip':
      if (!isNumber(spec)) throw fail('Location15972', `Argument to $skip must be a number not a ${typeof spec}`);
      if (Number(spec) < 0) throw fail('Location15956', `invalid argument to $skip stage: Expected a positive number in: $skip: ${String(spec)}`);
      return;
    case '$sort':
      if (!isPlainObject(spec)) throw fail('Location15973', 'the $sort key specification must be an object');
      if (Object.keys(spec).length === 0) throw fail('Location15976', '$sort stage must have at least one sort key');
      for (const direction of Object.values(spec)) {
        if (isPlainObject(direction)) continue; // { $meta: ... }
        if (direction !== 1 && direction !== -1) throw fail('Location15975', '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
      }
      return;
    case '$unwind': {
      const path = typeof spec === 'string' ? spec : isPlainObject(spec) ? spec.path : undefined;
      if (typeof path === 'string' && !path.startsWith('$')) throw fail('Location28818', `path option to $unwind stage should be prefixed with a '$': ${path}`);
      return;
    }
    case '$count':
      if (typeof spec !== 'string' || spec === '') throw fail('Location40156', 'the count field must be a non-empty string');
      if (spec.startsWith('$')) throw fail('Location40158', 'the count field cannot be a $-prefixed path');
      if (spec.includes('.')) throw fail('Location40160', "the count field cannot contain '.'");
      return;
    case '$sortByCount':
      if (typeof spec === 'string' ? !spec.startsWith('$') : !isPlainObject(spec)) {
        throw fail('Location40148', 'the sortByCount field must be defined as a $-prefixed path or an expression');
      }
      return;
    case '$facet':
      if (!isPlainObject(spec) || Object.keys(spec).length === 0) throw fail('Location40169', 'the $facet specification must be a non-empty object');
      for (const stages of Object.values(spec)) {
        if (!Array.isArray(stages)) continue;
        for (const stage of stages as Document[]) {
          const inner = Object.keys(stage)[0];
          if (['$out', '$merge', '$facet', '$changeStream', '$collStats', '$indexStats', '$geoNear'].includes(inner)) {
            throw fail('Location40600', `${inner} is not allowed to be used within a $facet stage`);
          }
          checkPipelineStage(inner, stage[inner], true);
        }
      }
      return;
    case '$out':
      if (inFacet) throw fail('Location40600', '$out is not allowed to be used within a $facet stage');
      return;
    case '$lookup':
      if (isPlainObject(spec) && Array.isArray(spec.pipeline)) {
        for (const stage of spec.pipeline as Document[]) {
          const inner = Object.keys(stage ?? {})[0];
          if (inner === '$out' || inner === '$merge') throw fail('Location51047', `${inner} is not allowed within a $lookup's sub-pipeline`);
          if (inner !== undefined) checkPipelineStage(inner, stage[inner], inFacet);
        }
      }
      return;
    case '$bucket':
      return checkBucket(spec);
  }
}

function checkGroup(spec: unknown): void {
  if (!isPlainObject(spec) || !('_id' in spec)) throw fail('Location15955', 'a group specification must specify an _id');
  for (const [field, accumulator] of Object.entries(spec)) {
    if (field === '_id') continue;
    if (field.includes('.')) throw fail('Location40235', `The field name '${field}' cannot contain '.'`);
    if (!isPlainObject(accumulator) || Object.keys(accumulator).length !== 1) throw fail('Location40234', `The field '${field}' must be an accumulator object`);
    const operator = Object.keys(accumulator)[0];
    if (!ACCUMULATORS.has(operator)) throw fail('Location15952', `unknown group operator '${operator}'`);
    if (operator === '$accumulator') throw fail('NotImplemented', 'server-side JavaScript ($accumulator) is not supported by the embedded engine');
  }
}

function checkBucket(spec: unknown): void {
  if (!isPlainObject(spec) || !Array.isArray(spec.boundaries)) return;
  const boundaries = spec.boundaries as unknown[];
  if (boundaries.length < 2) throw fail('Location40192', `The $bucket 'boundaries' field must have at least 2 values, but found ${boundaries.length} value(s).`);
  for (let i = 1; i < boundaries.length; i++) {
    const [lower, upper] = [boundaries[i - 1], boundaries[i]];
    if (typeof lower === typeof upper && (lower as number) >= (upper as number)) {
      throw fail('Location40194', `The 'boundaries' option to $bucket must be sorted, but elements ${i - 1} and ${i} are not in ascending order (${String(lower)} is not less than ${String(upper)}).`);
    }
  }
}
