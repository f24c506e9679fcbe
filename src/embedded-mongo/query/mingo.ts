import type { Document } from 'bson';
import { Context, ProcessingMode } from 'mingo';
import { Aggregator } from 'mingo/aggregator';
import { Query } from 'mingo/query';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { asCommandError, CommandError } from '../errors.js';
import { typeExpressionOperator, typeQueryOperator } from './type-operator.js';
import { compileJsonSchema } from '../json-schema/index.js';
import { bucketAutoStage, bucketStage } from './bucket.js';
import { collatedOperators } from './collated.js';
import { COLLATION_KEY, collatedAccumulators, collatedExpressions, collatedGroupStage, collatedSortByCountStage, collationKeyOperator, lookupStage } from './collated-stages.js';
import { cachedCollation, collationId, type CollationSpec } from '../collation.js';
import { checkFilter } from './filter-checks.js';
import { quickFilter, UNSURE, YES } from './quick-filter.js';
import { orderedProjectStage } from './projection-order.js';
import { checkedExpressions } from './expression-checks.js';

export interface Filter {
  test(doc: Document): boolean;
}

/**
 * mingo's operators with ours in place of those it lacks or handles differently from MongoDB.
 * Built whole here because when contexts are merged the first definition of an operator wins.
 */
function engineContext(collation?: CollationSpec): Context {
  const collated = collation ? collatedOperators(cachedCollation(collation)) : {};
  const collatedStages = collation
    ? { $group: collatedGroupStage(), $sortByCount: collatedSortByCountStage(), $lookup: lookupStage(cachedCollation(collation)) }
    : { $lookup: lookupStage() };
  const collatedExpressionOperators = collation ? { [COLLATION_KEY]: collationKeyOperator(cachedCollation(collation)), ...collatedExpressions(cachedCollation(collation)) } : {};
  return Context.init({
    accumulator: { ...accumulatorOperators, ...(collation ? collatedAccumulators(cachedCollation(collation)) : {}) } as never,
    expression: { ...expressionOperators, ...checkedExpressions, $type: typeExpressionOperator, ...collatedExpressionOperators } as never,
    pipeline: { ...pipelineOperators, $bucket: bucketStage, $bucketAuto: bucketAutoStage, $project: orderedProjectStage(), ...collatedStages } as never,
    projection: projectionOperators as never,
    query: { ...queryOperators, $type: typeQueryOperator, $exists: observedExists, ...collated } as never,
    window: windowOperators as never,
  });
}

type QueryOperator = (selector: string, value: unknown, options: Partial<Options>) => (doc: Document) => boolean;

/** Set only while optionsAsCompiled runs: receives the options mingo hands its operators. */
let observeOptions: ((options: Partial<Options>) => void) | undefined;

/** mingo's own $exists, telling optionsAsCompiled what options it was compiled with. */
const observedExists: QueryOperator = (selector, value, options) => {
  observeOptions?.(options);
  return (queryOperators.$exists as unknown as QueryOperator)(selector, value, options);
};

/**
 * mingo copies every operator table of the context into a fresh one for each Query built from plain options,
 * several hundred properties per filter; options in its own compiled form are reused as they are. This takes that
 * form once, from a throwaway query, so each filter compiles without the copy. The result holds no per-query
 * state: mingo copies it again (cheaply) for every Query and records that query's condition in the copy.
 */
function optionsAsCompiled(options: Partial<Options>): Partial<Options> {
  let compiled: Partial<Options> | undefined;
  observeOptions = (seen) => (compiled ??= seen);
  try {
    new Query({ probe: { $exists: true } }, options);
  } finally {
    observeOptions = undefined;
  }
  return compiled ?? options;
}

const ENGINE_CONTEXT = engineContext();

/** mingo's options under one collation (none: binary), plain and in mingo's compiled form; built on first use. */
interface CollatedOptions {
  plain: Partial<Options>;
  compiled?: Partial<Options>;
}

const BY_COLLATION = new Map<string, CollatedOptions>();

function optionsUnder(collation: CollationSpec | undefined): CollatedOptions {
  const id = collation ? collationId(collation) : '';
  let entry = BY_COLLATION.get(id);
  if (!entry) {
    entry = { plain: collation ? { ...BASE_OPTIONS, context: engineContext(collation), collation: { ...collation } as Options['collation'] } : BASE_OPTIONS };
    BY_COLLATION.set(id, entry);
  }
  return entry;
}

/** The options mingo runs with under a collation: its comparison operators and $sort follow it. */
function collatedOptions(collation: CollationSpec | undefined): Partial<Options> {
  return optionsUnder(collation).plain;
}

/** The same options in the form filters compile from without copying the operator tables. */
function filterOptions(collation: CollationSpec | undefined): Partial<Options> {
  const entry = optionsUnder(collation);
  return (entry.compiled ??= optionsAsCompiled(entry.plain));
}

/** `$jsonSchema` inside a query or a validator's `$and`/`$or` uses the engine's MongoDB dialect. */
function jsonSchemaValidator(schema: Document): (doc: Document) => boolean {
  const check = compileJsonSchema(schema);
  return (doc) => check(doc).ok;
}

const BASE_OPTIONS: Partial<Options> = {
  idKey: '_id',
  jsonSchemaValidator: jsonSchemaValidator as Options['jsonSchemaValidator'],
  useStrictMode: true,
  scriptEnabled: false,
  context: ENGINE_CONTEXT,
};

const MATCH_ALL: Filter = { test: () => true };

/**
 * Compiles a query filter; malformed filters fail as on the server (`checkFilter`, unless the caller already ran it),
 * and what mingo refuses besides becomes BadValue. The commonest filters get a quick matcher (`quickFilter`) that
 * leaves to mingo, compiled on first need, only the documents it cannot decide.
 */
export function compileFilter(filter: Document | undefined, variables?: Document, collation?: CollationSpec, checked = false): Filter {
  if (!filter || Object.keys(filter).length === 0) return MATCH_ALL;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw new CommandError('TypeMismatch', 'filter must be an object');
  if (!checked) checkFilter(filter);
  const quick = variables === undefined && collation === undefined ? quickFilter(filter) : undefined;
  if (quick === undefined) return fullFilter(filter, variables, collation);
  let full: Filter | undefined;
  return {
    test: (doc) => {
      const answer = quick(doc);
      return answer === UNSURE ? (full ??= fullFilter(filter)).test(doc) : answer === YES;
    },
  };
}

/** The filter as mingo runs it, whatever its shape. */
export function fullFilter(filter: Document, variables?: Document, collation?: CollationSpec): Filter {
  try {
    // Variables (`let`) are per query, so only filters without them share the compiled options.
    return new Query(filter, variables === undefined ? filterOptions(collation) : { ...collatedOptions(collation), variables });
  } catch (err) {
    throw asCommandError(err);
  }
}

export function queryOptions(variables?: Document): Partial<Options> {
  return { ...BASE_OPTIONS, variables };
}

/**
 * Stages that only read the documents they receive and build new ones for what they give out. A pipeline of
 * these alone (a count, a grouping, a sort) runs on the stored documents themselves, without a deep copy of each.
 */
const READ_ONLY_STAGES: ReadonlySet<string> = new Set(['$match', '$sort', '$skip', '$limit', '$group', '$count', '$sortByCount']);

/**
 * Runs an aggregation pipeline. Inputs are cloned when a stage may write into the objects it receives (dotted
 * $set, $unwind and others), because stored documents must never change.
 */
export function runPipeline(
  pipeline: Document[],
  input: Iterable<Document>,
  resolveCollection: (name: string) => Document[],
  variables?: Document,
  collation?: CollationSpec,
): Document[] {
  try {
    const aggregator = new Aggregator(pipeline, {
      ...collatedOptions(collation),
      variables,
      processingMode: pipeline.every((stage) => READ_ONLY_STAGES.has(Object.keys(stage)[0])) ? ProcessingMode.CLONE_OFF : ProcessingMode.CLONE_INPUT,
      collectionResolver: resolveCollection,
    });
    return aggregator.run(Array.isArray(input) ? input : Array.from(input)) as Document[];
  } catch (err) {
    throw asCommandError(err);
  }
}

const PIPELINE_STAGES = new Set([...Object.keys(pipelineOperators), '$bucket', '$out', '$merge']);

/** Whether a stage name is one MongoDB knows (unknown ones are 40324, before anything runs). */
export function isPipelineStage(name: string): boolean {
  return PIPELINE_STAGES.has(name);
}
