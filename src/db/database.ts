import type { ClientSession, Collection, Document, Filter } from './driver.js';
import mongoose from 'mongoose';

export interface PageQuery {
  filter: Filter<Document>;
  sort: Record<string, 1 | -1>;
  projection?: Record<string, 0 | 1>;
  /** At most this many documents. */
  limit: number;
}

export interface Database {
  readonly connection: mongoose.Connection;
  readonly name: string;
  /** False on a standalone server or an engine without transactions: `withTransaction` then cannot be atomic. */
  readonly transactional: boolean;
  /** The driver's own collection: no Mongoose model, so the only validation is the schema's. */
  collection<T extends Document = Document>(name: string): Collection<T>;
  /**
   * Runs `fn` in a multi-document transaction (retried by the driver on transient errors).
   * Pass the session to every read and write inside. Where the server has no transactions the writes still
   * share a session but are not atomic; start-up logs that once.
   */
  withTransaction<T>(fn: (session: ClientSession) => Promise<T>): Promise<T>;
  /**
   * One page of a collection, asked as one `find` command whose reply holds the whole page: decoded at once, with
   * none of a cursor object's bookkeeping, which costs a list request more than the page's own documents. A page
   * larger than one reply (16 MB) is read to the end with `getMore`, so nothing is ever cut short.
   */
  findPage<T extends Document = Document>(collection: string, query: PageQuery): Promise<T[]>;
  /** The same page with each document left as the BSON the server sent, for answers written straight from it. */
  findPageBytes(collection: string, query: PageQuery): Promise<Buffer[]>;
  /** Rejects when the server does not answer within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** How long an operation, the first connection included, waits for a server before failing. Default 10 s. */
  serverSelectionTimeoutMs?: number;
}

export async function connectDatabase(uri: string, name: string, options: ConnectOptions = {}): Promise<Database> {
  const connection = mongoose.createConnection(uri, {
    dbName: name,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
  });
  try {
    await connection.asPromise();
  } catch (error) {
    // A failed first connection may still hold timers and sockets that would keep the process alive.
    await connection.close().catch(() => undefined);
    throw error;
  }
  const db = connection.db!;
  const transactional = await supportsTransactions(connection);

  /** `bytes`: each document stays a view of the reply, not decoded. */
  async function readPage<T>(collection: string, { filter, sort, projection, limit }: PageQuery, bytes: boolean): Promise<T[]> {
    // One session for the find and any getMore: a cursor may only be continued in the session that opened it.
    const session = connection.getClient().startSession();
    try {
      const first = await db.command(
        { find: collection, filter, sort, ...(projection ? { projection } : {}), limit, batchSize: limit },
        { session, ...(bytes ? { fieldsAsRaw: { firstBatch: true } } : {}) },
      );
      const found = first.cursor.firstBatch as T[];
      // Only a page larger than one reply (16 MB) leaves the cursor open: the rest is read, never cut short.
      for (let id = first.cursor.id as CursorId; !isZero(id); ) {
        const next = await db.command({ getMore: asLong(id), collection, batchSize: limit - found.length }, { session, ...(bytes ? { fieldsAsRaw: { nextBatch: true } } : {}) });
        found.push(...(next.cursor.nextBatch as T[]));
        id = next.cursor.id as CursorId;
      }
      return found;
    } finally {
      await session.endSession();
    }
  }

  return {
    connection,
    name,
    transactional,
    collection: <T extends Document>(collectionName: string) => db.collection<T>(collectionName),
    async withTransaction<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
      const session = connection.getClient().startSession();
      try {
        if (!transactional) return await fn(session);
        return await session.withTransaction(() => fn(session));
      } finally {
        await session.endSession();
      }
    },
    findPage: <T extends Document>(collection: string, query: PageQuery) => readPage<T>(collection, query, false),
    findPageBytes: (collection: string, query: PageQuery) => readPage<Buffer>(collection, query, true),
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([db.command({ ping: 1 }), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => connection.close(),
  };
}

/** A cursor id as the driver decodes it: a number when it fits one, else a Long. */
type CursorId = number | mongoose.mongo.Long;
const isZero = (id: CursorId) => (typeof id === 'number' ? id === 0 : id.isZero());
/** getMore wants the id as a 64-bit integer whatever its size. */
const asLong = (id: CursorId) => (typeof id === 'number' ? mongoose.mongo.Long.fromNumber(id) : id);

/**
 * Asked of the server rather than guessed from its topology: a replica set member that cannot commit
 * (an engine still without transactions) must not be trusted with atomic writes.
 */
async function supportsTransactions(connection: mongoose.Connection): Promise<boolean> {
  const hello = await connection.db!.admin().command({ hello: 1 });
  if (typeof hello.setName !== 'string' && hello.msg !== 'isdbgrid') return false;
  const session = connection.getClient().startSession();
  try {
    session.startTransaction();
    await connection.db!.collection('transaction_probe').findOne({}, { session });
    await session.commitTransaction();
    return true;
  } catch {
    await session.abortTransaction().catch(() => undefined);
    return false;
  } finally {
    await session.endSession();
  }
}
