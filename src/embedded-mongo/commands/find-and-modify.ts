import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { checkSort, projectDocuments } from '../query/executor.js';
import { checkUpdatedSize, writeTarget } from './data.js';
import { applyUpdate, checkUpdate, isOperatorUpdate, sameContent, upsertSeed, withId } from '../query/update.js';
import { checkUpdatePaths } from '../query/update-checks.js';
import { checkNames } from '../storage/catalog.js';
import { collectionName, optionalDocument, type CommandHandler } from './context.js';

/** How MongoDB prefixes an error raised while findAndModify's update ran. */
const DURING = 'Plan executor error during findAndModify :: caused by :: ';

const findAndModify: CommandHandler = (ctx) => {
  const name = ctx.body.findAndModify !== undefined ? 'findAndModify' : 'findandmodify';
  const coll = collectionName(ctx, name);
  checkNames(ctx.db, coll);
  const { body } = ctx;
  const query = optionalDocument(body, 'query');
  const sort = checkSort(optionalDocument(body, 'sort'));
  const fields = optionalDocument(body, 'fields');
  const remove = body.remove === true;
  const returnNew = body.new === true;
  const upsert = body.upsert === true;
  const bypass = body.bypassDocumentValidation === true;
  if (remove && body.update !== undefined) throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && body.update === undefined) throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  if (remove && (upsert || returnNew)) throw new CommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  const spec = remove ? undefined : checkUpdate(body.update);
  const arrayFilters = body.arrayFilters as Document[] | undefined;
  if (spec !== undefined && !Array.isArray(spec) && isOperatorUpdate(spec)) checkUpdatePaths(spec, arrayFilters);

  return ctx.engine.write((batch) => {
    const existing = writeTarget(ctx, coll, batch, false);
    const [oldDoc] = existing ? existing.query({ filter: query, sort, limit: 1, hint: body.hint }, body.collation).docs : [];
    const project = (doc: Document | undefined) => (doc ? projectDocuments([doc], fields, query)[0] : null);
    if (remove) {
      if (!oldDoc) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
      existing!.remove(oldDoc);
      return { lastErrorObject: { n: 1 }, value: project(oldDoc), ok: 1 };
    }
    if (oldDoc) {
      const newDoc = applyUpdate(oldDoc, spec!, { filter: query, arrayFilters });
      if (!sameContent(oldDoc, newDoc)) {
        checkUpdatedSize(newDoc, false, DURING);
        if (!bypass) existing!.validate(newDoc, oldDoc);
        existing!.replace(oldDoc, newDoc);
      }
      return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(returnNew ? newDoc : oldDoc), ok: 1 };
    }
    if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const target = writeTarget(ctx, coll, batch, true)!;
    const doc = withId(applyUpdate(upsertSeed(query), spec!, { inserting: true, arrayFilters }));
    checkUpdatedSize(doc, true, DURING);
    if (!bypass) target.validate(doc);
    target.insert(doc);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: returnNew ? project(doc) : null,
      ok: 1,
    };
  });
};

export const findAndModifyCommands: Record<string, CommandHandler> = { findAndModify, findandmodify: findAndModify };
