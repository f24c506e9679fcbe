import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { checkSort, explainPlan, runQuery, type QuerySpec } from '../query/executor.js';
import { checkInsertSize, commandCollation, queryIn } from './data.js';
import { isPipelineStage, runPipeline } from '../query/mingo.js';
import { checkPipelineStage } from '../query/pipeline-checks.js';
import { parseMerge, writeMerge } from './merge.js';
import { withId } from '../query/update.js';
import { checkNames } from '../storage/catalog.js';
import { checkCommandFields, optionalDocument, optionalNumber, type CommandContext, type CommandHandler } from './context.js';

interface Parsed {
  coll?: string;
  pipeline: Document[];
  batchSize?: number;
  variables?: Document;
}

const AGGREGATE_FIELDS = new Set(['pipeline', 'cursor', 'explain', 'allowDiskUse', 'bypassDocumentValidation', 'collation', 'hint', 'let']);

function parse(ctx: CommandContext): Parsed {
  const target = ctx.body.aggregate;
  if (typeof target !== 'string' && target !== 1) {
    throw new CommandError('TypeMismatch', "Invalid aggregate namespace: the 'aggregate' field must be a collection name or 1");
  }
  const pipeline = ctx.body.pipeline;
  if (!Array.isArray(pipeline)) throw new CommandError('TypeMismatch', "'pipeline' option must be specified as an array");
  pipeline.forEach((stage, position) => {
    if (!stage || typeof stage !== 'object' || Object.keys(stage).length !== 1) {
      throw new CommandError('Location40414', 'A pipeline stage specification object must contain exactly one field.');
    }
    checkStage(stage as Document);
    const name = Object.keys(stage)[0];
    if ((name === '$out' || name === '$merge') && position !== pipeline.length - 1) {
      throw new CommandError('Location40601', `${name} can only be the final stage in the pipeline`);
    }
  });
  checkCommandFields(ctx.body, 'aggregate', AGGREGATE_FIELDS, new Set());
  const cursor = optionalDocument(ctx.body, 'cursor');
  if (!cursor && !ctx.body.explain) {
    throw new CommandError('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  return {
    coll: typeof target === 'string' ? target : undefined,
    pipeline: pipeline as Document[],
    batchSize: cursor ? optionalNumber(cursor, 'batchSize') : undefined,
    variables: optionalDocument(ctx.body, 'let'),
  };
}

function checkStage(stage: Document): void {
  const name = Object.keys(stage)[0];
  if (!isPipelineStage(name)) throw new CommandError('Location40324', `Unrecognized pipeline stage name: '${name}'`);
  checkPipelineStage(name, stage[name]);
}

/** Leading $match/$sort/$skip/$limit stages become one indexed query; the rest runs in mingo. */
function splitPipeline(pipeline: Document[]): { query: QuerySpec; rest: Document[] } {
  const query: QuerySpec = {};
  let i = 0;
  if (pipeline[i]?.$match && !JSON.stringify(pipeline[i].$match).includes('$$')) query.filter = pipeline[i++].$match as Document;
  if (pipeline[i]?.$sort) query.sort = checkSort(pipeline[i++].$sort);
  if (query.sort && typeof pipeline[i]?.$limit === 'number') query.limit = pipeline[i++].$limit as number;
  return { query, rest: pipeline.slice(i) };
}

function execute(ctx: CommandContext, parsed: Parsed): Document[] | Iterable<Document> {
  const collection = parsed.coll ? ctx.engine.catalog.get(ctx.db, parsed.coll) : undefined;
  const { query, rest } = splitPipeline(parsed.pipeline);
  const input = parsed.coll ? queryIn(ctx, parsed.coll, { ...query, variables: parsed.variables, hint: ctx.body.hint }, ctx.body.collation).docs : [];
  if (rest.length === 0) return input;
  const counted = countOnly(rest, input);
  if (counted) return counted;
  const resolve = (name: string) => [...queryIn(ctx, name, {}).docs];
  return runPipeline(rest, input, resolve, parsed.variables, commandCollation(ctx.body.collation, collection) ?? undefined);
}

/**
 * `{$group: {_id: <constant>, n: {$sum: <number>}}}` alone, the stage drivers send for `countDocuments`: counted
 * as the documents go by, instead of gathering them all into one group first.
 */
function countOnly(rest: Document[], input: Iterable<Document>): Document[] | undefined {
  if (rest.length !== 1 || !rest[0].$group) return undefined;
  const { _id: id, ...fields } = rest[0].$group as Document;
  const constant = (value: unknown) => value === null || typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && !value.startsWith('$'));
  if (!constant(id)) return undefined;
  const sums: [string, number][] = [];
  for (const [name, spec] of Object.entries(fields)) {
    const keys = spec && typeof spec === 'object' ? Object.keys(spec as Document) : [];
    const amount = keys.length === 1 && keys[0] === '$sum' ? (spec as Document).$sum : undefined;
    if (!Number.isInteger(amount) || name.includes('.') || name.startsWith('$')) return undefined;
    sums.push([name, amount]);
  }
  let count = 0;
  for (const _doc of input) count++;
  if (count === 0) return [];
  return [{ _id: id, ...Object.fromEntries(sums.map(([name, amount]) => [name, amount * count])) }];
}

const aggregate: CommandHandler = (ctx) => {
  const parsed = parse(ctx);
  if (ctx.body.explain) return explainAggregate(ctx);
  const last = parsed.pipeline[parsed.pipeline.length - 1];
  if (last?.$merge !== undefined) {
    const merge = parseMerge(last.$merge, ctx.db);
    const results = [...execute(ctx, { ...parsed, pipeline: parsed.pipeline.slice(0, -1) })];
    writeMerge(ctx, results, merge, ctx.body.bypassDocumentValidation === true);
    return ctx.engine.cursors.firstBatch(`${ctx.db}.${parsed.coll}`, [], {});
  }
  if (last?.$out !== undefined) return writeOut(ctx, parsed, last.$out);
  const ns = `${ctx.db}.${parsed.coll ?? '$cmd.aggregate'}`;
  return ctx.engine.cursors.firstBatch(ns, execute(ctx, parsed), { batchSize: parsed.batchSize });
};

/**
 * $out replaces the target collection with the pipeline's output, atomically: a document over 16 MiB fails the
 * command as an insert of it would (2, "object to insert too large") and leaves the target as it was.
 */
function writeOut(ctx: CommandContext, parsed: Parsed, out: unknown): Document {
  const target = typeof out === 'string' ? { db: ctx.db, coll: out } : { db: String((out as Document).db), coll: String((out as Document).coll) };
  checkNames(target.db, target.coll);
  const results = [...execute(ctx, { ...parsed, pipeline: parsed.pipeline.slice(0, -1) })].map(withId);
  for (const doc of results) checkInsertSize(doc);
  ctx.engine.write((batch) => {
    const catalog = ctx.engine.catalog;
    const previous = catalog.get(target.db, target.coll);
    catalog.drop(target.db, target.coll, batch);
    const collection = catalog.create(target.db, target.coll, previous?.options ?? {}, batch);
    for (const index of previous?.indexes.values() ?? []) if (index.name !== '_id_') catalog.createIndex(collection, index.spec, batch);
    for (const doc of results) collection.insertDoc(doc, batch);
  });
  return ctx.engine.cursors.firstBatch(`${ctx.db}.${parsed.coll}`, [], {});
}

export function explainAggregate(ctx: CommandContext): Document {
  const parsed = parse(ctx);
  const { query } = splitPipeline(parsed.pipeline);
  const run = parsed.coll ? queryIn(ctx, parsed.coll, query, ctx.body.collation) : runQuery(undefined, query);
  const returned = [...run.docs].length;
  const explained = explainPlan(`${ctx.db}.${parsed.coll}`, run.plan, !!query.sort, returned, run.stats.docsExamined);
  return { ...explained, stages: parsed.pipeline, ok: 1 };
}

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
