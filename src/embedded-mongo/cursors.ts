import { Long, type Document } from 'bson';
import { projectDocuments } from './query/executor.js';
import { CommandError } from './errors.js';

/** Upper bound of a reply batch, below the 16 MiB document limit with room for the envelope. */
const MAX_BATCH_BYTES = 15 * 1024 * 1024;
const DEFAULT_FIRST_BATCH = 101;

interface OpenCursor {
  ns: string;
  rest: Document[];
  position: number;
  projection?: Document;
  filter?: Document;
}

/** Open cursors of one engine. A cursor holds the rest of its results, never an offset to rescan. */
export class CursorRegistry {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = 1;

  get size(): number {
    return this.open.size;
  }

  /**
   * Builds the first-batch reply. When results remain, the rest is taken now (references to
   * immutable documents), so later writes cannot disturb iteration between getMores.
   */
  firstBatch(ns: string, docs: Iterable<Document>, options: { batchSize?: number; singleBatch?: boolean; projection?: Document; filter?: Document }): Document {
    const iterator = docs[Symbol.iterator]();
    const size = options.batchSize ?? DEFAULT_FIRST_BATCH;
    const { batch, exhausted, carried } = take(iterator, size === 0 ? 0 : size);
    let id = 0;
    if (!exhausted && !options.singleBatch) {
      const rest: Document[] = carried === undefined ? [] : [carried];
      for (let r = iterator.next(); !r.done; r = iterator.next()) rest.push(r.value);
      if (rest.length > 0 || size === 0) {
        id = this.nextId++;
        this.open.set(id, { ns, rest, position: 0, projection: options.projection, filter: options.filter });
      }
    }
    return { cursor: { firstBatch: projectDocuments(batch, options.projection, options.filter), id: Long.fromNumber(id), ns }, ok: 1 };
  }

  getMore(id: number, ns: string, batchSize: number | undefined): Document {
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw new CommandError('Unauthorized', `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    const max = batchSize && batchSize > 0 ? batchSize : Infinity;
    const batch: Document[] = [];
    let bytes = 0;
    while (cursor.position < cursor.rest.length && batch.length < max) {
      const doc = cursor.rest[cursor.position];
      bytes += sizeBound(doc);
      if (bytes > MAX_BATCH_BYTES && batch.length > 0) break;
      batch.push(doc);
      cursor.position++;
    }
    const exhausted = cursor.position >= cursor.rest.length;
    if (exhausted) this.open.delete(id);
    return {
      cursor: { nextBatch: projectDocuments(batch, cursor.projection, cursor.filter), id: Long.fromNumber(exhausted ? 0 : id), ns },
      ok: 1,
    };
  }

  kill(ids: number[]): Document {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.open.delete(id) ? killed : notFound).push(Long.fromNumber(id));
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  clear(): void {
    this.open.clear();
  }
}

/**
 * Up to `max` documents, fewer when the next would take the batch past MAX_BATCH_BYTES (a batch always holds at
 * least one). That next document is `carried`: it is already out of the iterator and starts the rest.
 */
function take(iterator: Iterator<Document>, max: number): { batch: Document[]; exhausted: boolean; carried?: Document } {
  const batch: Document[] = [];
  let bytes = 0;
  while (batch.length < max) {
    const r = iterator.next();
    if (r.done) return { batch, exhausted: true };
    bytes += sizeBound(r.value);
    if (bytes > MAX_BATCH_BYTES && batch.length > 0) return { batch, exhausted: false, carried: r.value };
    batch.push(r.value);
  }
  // Peeking would cost a copy; an extra empty getMore at the end is what servers do too.
  return { batch, exhausted: false };
}

/**
 * At least a value's BSON size, at a tenth of the cost of measuring it: long strings at their UTF-8 length, short
 * strings and names at three bytes a character (UTF-8's most for one UTF-16 unit), binary data at its length,
 * anything else at 16 bytes. Batches cut on it stay under the 16 MiB a reply may hold, however large the documents.
 */
function sizeBound(value: unknown): number {
  if (typeof value === 'string') return (value.length > 64 ? Buffer.byteLength(value, 'utf8') : 3 * value.length) + 8;
  if (value === null || typeof value !== 'object') return 16;
  if (ArrayBuffer.isView(value)) return value.byteLength + 16;
  if (value instanceof RegExp) return 3 * (value.source.length + value.flags.length) + 16;
  let bytes = 16;
  for (const key in value) bytes += 3 * key.length + 2 + sizeBound((value as Record<string, unknown>)[key]);
  return bytes;
}
