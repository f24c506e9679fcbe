import type { Document } from 'bson';
import { asCommandError, CommandError } from '../errors.js';
import { applyUpdate, checkUpdate, isOperatorUpdate, sameContent, upsertSeed, withId } from '../query/update.js';
import { checkUpdatePaths } from '../query/update-checks.js';
import type { WriteBatch } from '../storage/write-batch.js';
import { WaitForTransaction } from '../sessions/transaction.js';
import { checkInsertSize, checkUpdatedSize, writeTarget, type WriteTarget } from './data.js';
import { checkNames } from '../storage/catalog.js';
import { collectionName, type CommandContext, type CommandHandler } from './context.js';
import { MAX_WRITE_BATCH_SIZE } from './handshake.js';

function statements(ctx: CommandContext, field: string): Document[] {
  const list = ctx.body[field];
  if (!Array.isArray(list)) throw new CommandError('FailedToParse', `BSON field '${field}' is missing but a required field`);
  if (list.length > MAX_WRITE_BATCH_SIZE) {
    throw new CommandError('InvalidLength', `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH_SIZE}. Got ${list.length} operations.`);
  }
  return list as Document[];
}

/**
 * Runs each statement of a write command; a failing statement becomes a writeErrors entry and,
 * when ordered, stops the rest. Everything that succeeded is journaled as one group.
 */
function runStatements<S>(
  ctx: CommandContext,
  items: S[],
  each: (item: S, index: number, batch: WriteBatch) => void,
): Document[] {
  const ordered = ctx.body.ordered !== false;
  const writeErrors: Document[] = [];
  ctx.engine.write((batch) => {
    items.forEach((item, index) => {
      if (ordered && writeErrors.length > 0) return;
      try {
        each(item, index, batch);
      } catch (err) {
        // The whole command waits and runs again; what it changed so far is rolled back with the batch.
        if (err instanceof WaitForTransaction) throw err;
        const error = asCommandError(err);
        // In a transaction a conflict fails the whole command, labelled for the driver to retry.
        if (ctx.txn && error.codeName === 'WriteConflict') throw error;
        writeErrors.push(error.toWriteError(index));
      }
    });
  });
  return writeErrors;
}

function withErrors(reply: Document, writeErrors: Document[]): Document {
  if (writeErrors.length > 0) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
}

const insert: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'insert');
  checkNames(ctx.db, coll);
  const documents = statements(ctx, 'documents');
  const bypass = ctx.body.bypassDocumentValidation === true;
  let n = 0;
  let target: WriteTarget | undefined;
  const writeErrors = runStatements(ctx, documents, (raw, _index, batch) => {
    target ??= writeTarget(ctx, coll, batch, true)!;
    const doc = withId(raw);
    checkInsertSize(doc);
    if (!bypass) target.validate(doc);
    target.insert(doc);
    n++;
  });
  return withErrors({ n }, writeErrors);
};

interface UpdateStatement {
  q?: Document;
  u: unknown;
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Document[];
  hint?: unknown;
  collation?: Document;
}

const update: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'update');
  checkNames(ctx.db, coll);
  const updates = statements(ctx, 'updates') as unknown as UpdateStatement[];
  const bypass = ctx.body.bypassDocumentValidation === true;
  const variables = ctx.body.let as Document | undefined;
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = runStatements(ctx, updates, (statement, index, batch) => {
    const spec = checkUpdate(statement.u);
    if (!Array.isArray(spec) && isOperatorUpdate(spec)) checkUpdatePaths(spec, statement.arrayFilters);
    if (statement.multi && !Array.isArray(spec) && !isOperatorUpdate(spec)) {
      throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
    }
    const existing = writeTarget(ctx, coll, batch, false);
    const query = { filter: statement.q, limit: statement.multi ? 0 : 1, hint: statement.hint, variables };
    const matches = existing ? [...existing.query(query, statement.collation).docs] : [];
    for (const oldDoc of matches) {
      const newDoc = applyUpdate(oldDoc, spec, { filter: statement.q, arrayFilters: statement.arrayFilters, variables });
      n++;
      if (sameContent(oldDoc, newDoc)) continue;
      checkUpdatedSize(newDoc, false);
      if (!bypass) existing!.validate(newDoc, oldDoc);
      existing!.replace(oldDoc, newDoc);
      nModified++;
    }
    if (matches.length === 0 && statement.upsert) {
      const target = writeTarget(ctx, coll, batch, true)!;
      const doc = withId(applyUpdate(upsertSeed(statement.q), spec, { inserting: true, arrayFilters: statement.arrayFilters, variables }));
      checkUpdatedSize(doc, true);
      if (!bypass) target.validate(doc);
      target.insert(doc);
      upserted.push({ index, _id: doc._id });
      n++;
    }
  });
  const reply: Document = { n, nModified };
  if (upserted.length > 0) reply.upserted = upserted;
  return withErrors(reply, writeErrors);
};

interface DeleteStatement {
  q?: Document;
  limit?: number;
  hint?: unknown;
  collation?: Document;
}

const remove: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'delete');
  checkNames(ctx.db, coll);
  const deletes = statements(ctx, 'deletes') as unknown as DeleteStatement[];
  let n = 0;
  const writeErrors = runStatements(ctx, deletes, (statement, _index, batch) => {
    if (statement.limit !== undefined && statement.limit !== 0 && statement.limit !== 1) {
      throw new CommandError('FailedToParse', `The limit field in delete objects must be 0 or 1. Got ${statement.limit}`);
    }
    const target = writeTarget(ctx, coll, batch, false);
    if (!target) return;
    const matches = [...target.query({ filter: statement.q, limit: statement.limit ?? 0, hint: statement.hint }, statement.collation).docs];
    for (const doc of matches) {
      target.remove(doc);
      n++;
    }
  });
  return withErrors({ n }, writeErrors);
};

export const writeCommands: Record<string, CommandHandler> = { insert, update, delete: remove };
