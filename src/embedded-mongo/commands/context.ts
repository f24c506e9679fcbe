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
