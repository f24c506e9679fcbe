import type { Document, ObjectId } from 'bson';
import type { Engine } from '../engine.js';
import { CommandError } from '../errors.js';
import type { Transaction } from '../sessions/transaction.js';

/** What every command sees of the server it runs in. */
export interface ServerIdentity {
  /** host:port as this server advertises itself in hello (the replica set member name). */
  address: string;
  setName: string;
  processId: ObjectId;
  electionId: ObjectId;
}

export interface CommandContext {
  engine: Engine;
  server: ServerIdentity;
  connectionId: number;
  /** The database the command runs against ($db). */
  db: string;
  body: Document;
  /** The multi-document transaction the command runs in, if any. */
  txn?: Transaction;
  /** The reply goes to the wire encoder, which also writes stored documents from their bytes (see StoredBatch). */
  encoded?: boolean;
}

export type CommandHandler = (ctx: CommandContext) => Document;

/** The collection a command names in its first field, validated as MongoDB does. */
export function collectionName(ctx: CommandContext, commandName: string): string {
  const name = ctx.body[commandName];
  if (typeof name !== 'string') {
    throw new CommandError('InvalidNamespace', `collection name has invalid type ${name === null ? 'null' : typeof name}`);
  }
  if (name.length === 0) throw new CommandError('InvalidNamespace', `Invalid namespace specified '${ctx.db}.'`);
  return name;
}

export function optionalDocument(body: Document, field: string): Document | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type '${Array.isArray(value) ? 'array' : typeof value}', expected type 'object'`);
  }
  return value as Document;
}

export function optionalNumber(body: Document, field: string, { min = 0 }: { min?: number } = {}): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isNaN(n)) throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type '${typeof value}', expected types '[long, int, decimal, double']`);
  if (n < min) throw new CommandError('BadValue', `${field} value must be >= ${min}, was ${n}`);
  return n;
}

/** Fields any command may carry: the database, sessions and transactions, concerns, and the driver's extras. */
const GENERIC_FIELDS = new Set([
  '$db', 'lsid', '$clusterTime', 'txnNumber', 'autocommit', 'startTransaction', 'writeConcern', 'readConcern',
  'comment', 'maxTimeMS', '$readPreference', 'apiVersion', 'apiStrict', 'apiDeprecationErrors',
]);

/**
 * Refuses a field the command does not have, as mongod does (40415 "BSON field 'create.foo' is an unknown field."),
 * and one it has that the engine does not do (238), rather than ignore either.
 */
export function checkCommandFields(body: Document, command: string, known: ReadonlySet<string>, unsupported: ReadonlySet<string>): void {
  for (const field of Object.keys(body)) {
    if (field === command || known.has(field) || GENERIC_FIELDS.has(field)) continue;
    if (unsupported.has(field)) throw new CommandError('NotImplemented', `${command} option '${field}' is not supported by the embedded engine`);
    throw new CommandError('Location40415', `BSON field '${command}.${field}' is an unknown field.`);
  }
}
