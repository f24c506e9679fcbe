import { Long, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { checkSort, explainPlan } from '../query/executor.js';
import { cachedCollation } from '../collation.js';
import { commandCollation, queryIn } from './data.js';
import { valuesAtPath } from '../storage/paths.js';
import { canonicalKey } from '../query/bson-order.js';
import { checkCommandFields, collectionName, optionalDocument, optionalNumber, type CommandContext, type CommandHandler } from './context.js';
import { checkProjection } from '../query/pipeline-checks.js';

export interface FindOptions {
  filter?: Document;
  sort?: Document;
  projection?: Document;
  skip?: number;
  limit?: number;
  batchSize?: number;
  singleBatch: boolean;
  hint?: unknown;
  variables?: Document;
}

/** A projection is checked even when nothing matches. */
function checkedProjection(projection: Document | undefined): Document | undefined {
  if (projection) checkProjection(projection);
  return projection;
}

const FIND_FIELDS = new Set([
  'filter', 'sort', 'projection', 'hint', 'skip', 'limit', 'batchSize', 'singleBatch', 'collation', 'let', 'allowDiskUse',
  'noCursorTimeout', 'allowPartialResults', 'readOnce', 'min', 'max', 'returnKey', 'showRecordId', 'tailable', 'awaitData', 'oplogReplay',
]);

/**
 * find's options that ask for what the engine does not do are refused, never ignored: there are no capped collections
 * to tail, and `min`/`max`, `returnKey` and `showRecordId` are not kept (238).
 */
function checkFindOptions(body: Document): void {
  checkCommandFields(body, 'find', FIND_FIELDS, new Set());
  if (body.awaitData && !body.tailable) throw new CommandError('FailedToParse', "Cannot set 'awaitData' without also setting 'tailable'");
  if (body.tailable) throw new CommandError('BadValue', 'error processing query: tailable cursor requested on non capped collection');
  if ((body.min !== undefined || body.max !== undefined) && body.hint === undefined) {
    throw new CommandError('Location51173', 'When using min()/max() a hint of which index to use must be provided');
  }
  for (const option of ['min', 'max', 'returnKey', 'showRecordId', 'oplogReplay'] as const) {
    if (body[option] !== undefined && body[option] !== false) throw new CommandError('NotImplemented', `find option '${option}' is not supported by the embedded engine`);
  }
}

export function parseFind(ctx: CommandContext): FindOptions {
  const { body } = ctx;
  checkFindOptions(body);
  const limit = optionalNumber(body, 'limit', { min: -Infinity });
  // A negative limit is the legacy way to ask for a single batch.
  return {
    filter: optionalDocument(body, 'filter'),
    sort: checkSort(optionalDocument(body, 'sort')),
    projection: checkedProjection(optionalDocument(body, 'projection')),
    skip: optionalNumber(body, 'skip'),
    limit: limit === undefined ? undefined : Math.abs(limit),
    batchSize: optionalNumber(body, 'batchSize'),
    singleBatch: body.singleBatch === true || (limit !== undefined && limit < 0),
    hint: body.hint,
    variables: optionalDocument(body, 'let'),
  };
}

const find: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'find');
  const options = parseFind(ctx);
  const run = queryIn(ctx, coll, options, ctx.body.collation);
  let batchSize = options.batchSize;
  if (options.limit && (batchSize === undefined || batchSize > options.limit)) batchSize = options.limit;
  return ctx.engine.cursors.firstBatch(`${ctx.db}.${coll}`, run.docs, {
    batchSize,
    singleBatch: options.singleBatch,
    projection: options.projection,
    filter: options.filter,
    // A transaction reads its own write set too; only stored documents, which never change, go as stored bytes.
    bytes: ctx.encoded && ctx.txn === undefined ? ctx.engine.storedBytes : undefined,
  });
};

/** explain of find: runs the query to report what the plan examined. */
export function explainFind(ctx: CommandContext): Document {
  const coll = collectionName(ctx, 'find');
  const options = parseFind(ctx);
  const run = queryIn(ctx, coll, options, ctx.body.collation);
  const returned = [...run.docs].length;
  return explainPlan(`${ctx.db}.${coll}`, run.plan, !!options.sort && Object.keys(options.sort).length > 0, returned, run.stats.docsExamined);
}

function cursorIdOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Long) return value.toNumber();
  throw new CommandError('TypeMismatch', "BSON field 'getMore.getMore' is the wrong type, expected type 'long'");
}

const getMore: CommandHandler = (ctx) => {
  const coll = ctx.body.collection;
  if (typeof coll !== 'string') throw new CommandError('TypeMismatch', "BSON field 'getMore.collection' is missing or the wrong type");
  return ctx.engine.cursors.getMore(cursorIdOf(ctx.body.getMore), `${ctx.db}.${coll}`, optionalNumber(ctx.body, 'batchSize'));
};

const killCursors: CommandHandler = (ctx) => {
  const ids = ctx.body.cursors;
  if (!Array.isArray(ids)) throw new CommandError('FailedToParse', "BSON field 'killCursors.cursors' is missing but a required field");
  return ctx.engine.cursors.kill(ids.map(cursorIdOf));
};

const count: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'count');
  const collection = ctx.engine.catalog.get(ctx.db, coll);
  const query = optionalDocument(ctx.body, 'query');
  const skip = optionalNumber(ctx.body, 'skip');
  const limit = optionalNumber(ctx.body, 'limit', { min: -Infinity });
  if (!collection && !ctx.txn) return { n: 0, ok: 1 };
  let n: number;
  if (collection && !ctx.txn && (!query || Object.keys(query).length === 0)) {
    n = Math.max(0, collection.docs.size - (skip ?? 0));
    if (limit) n = Math.min(n, Math.abs(limit));
  } else {
    n = 0;
    for (const _ of queryIn(ctx, coll, { filter: query, skip, limit: limit ? Math.abs(limit) : undefined, hint: ctx.body.hint }, ctx.body.collation).docs) n++;
  }
  return { n, ok: 1 };
};

const distinct: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'distinct');
  const key = ctx.body.key;
  if (typeof key !== 'string') throw new CommandError('TypeMismatch', "BSON field 'distinct.key' is the wrong type, expected type 'string'");
  const collation = commandCollation(ctx.body.collation, ctx.engine.catalog.get(ctx.db, coll));
  // Under a collation, strings it deems equal are one value (the first met is the one reported).
  const fold = collation ? cachedCollation(collation).key : undefined;
  const seen = new Map<string, unknown>();
  for (const doc of queryIn(ctx, coll, { filter: optionalDocument(ctx.body, 'query') }, ctx.body.collation).docs) {
    for (const value of valuesAtPath(doc, key)) {
      if (value === undefined) continue;
      const k = fold && typeof value === 'string' ? `c:${fold(value)}` : canonicalKey(value);
      if (!seen.has(k)) seen.set(k, value);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

export const findCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct };
