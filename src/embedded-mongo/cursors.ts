import { Long, type Document } from 'bson';
import { projectDocuments, topLevelExclusion } from './query/executor.js';
import { CommandError } from './errors.js';
import { FieldsLeftOut, StoredBatch, type StoredBytes } from './stored-bytes.js';

/** Upper bound of a reply batch, below the 16 MiB document limit with room for the envelope. */
const MAX_BATCH_BYTES = 15 * 1024 * 1024;
const DEFAULT_FIRST_BATCH = 101;

interface OpenCursor {
  ns: string;
  rest: Document[];
  position: number;
  projection?: Document;
  filter?: Document;
  bytes?: StoredBytes;
}

/** A batch as it goes into a reply: documents, or stored documents' bytes for the wire encoder. */
type Batch = Document[] | StoredBatch;

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
  firstBatch(
    ns: string,
    docs: Iterable<Document>,
    options: { batchSize?: number; singleBatch?: boolean; projection?: Document; filter?: Document; bytes?: StoredBytes },
  ): Document {
    const iterator = docs[Symbol.iterator]();
    const size = options.batchSize ?? DEFAULT_FIRST_BATCH;
    const { batch, exhausted } = take(iterator, size === 0 ? 0 : size);
    const shown = fill(batch, 0, batch.length, options);
    // Documents the byte limit left out start the rest.
    const spilled = batch.slice(shown.length);
    let id = 0;
    if ((!exhausted || spilled.length > 0) && !options.singleBatch) {
      const rest = spilled;
      for (let r = iterator.next(); !r.done; r = iterator.next()) rest.push(r.value);
      if (rest.length > 0 || size === 0) {
        id = this.nextId++;
        this.open.set(id, { ns, rest, position: 0, projection: options.projection, filter: options.filter, bytes: options.bytes });
      }
    }
    return { cursor: { firstBatch: shown, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  getMore(id: number, ns: string, batchSize: number | undefined): Document {
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw new CommandError('Unauthorized', `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    const max = batchSize && batchSize > 0 ? batchSize : Infinity;
    const shown = fill(cursor.rest, cursor.position, max, cursor);
    cursor.position += shown.length;
    const exhausted = cursor.position >= cursor.rest.length;
    if (exhausted) this.open.delete(id);
    return { cursor: { nextBatch: shown, id: Long.fromNumber(exhausted ? 0 : id), ns }, ok: 1 };
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

function take(iterator: Iterator<Document>, max: number): { batch: Document[]; exhausted: boolean } {
  const batch: Document[] = [];
  while (batch.length < max) {
    const r = iterator.next();
    if (r.done) return { batch, exhausted: true };
    batch.push(r.value);
  }
  // Peeking would cost a copy; an extra empty getMore at the end is what servers do too.
  return { batch, exhausted: false };
}

/** Documents projected at a time while a batch is filled: a getMore without batchSize never projects the whole rest. */
const FILL_CHUNK = 128;

/**
 * One batch as sent: up to `max` documents of `source` from `start`, projected, fewer when the next would take the
 * batch past MAX_BATCH_BYTES (a batch always holds at least one). What is sent is what is sized, so a projection
 * that drops bulky fields lets more documents in. As many of `source` were used as documents are returned.
 * Stored documents bound for the wire (`bytes`) go as their stored bytes when the projection only leaves out
 * top-level fields, as most do: sized exactly, and never encoded again.
 */
function fill(source: Document[], start: number, max: number, how: { projection?: Document; filter?: Document; bytes?: StoredBytes }): Batch {
  if (how.bytes !== undefined) {
    const excluded = how.projection === undefined ? NOTHING_LEFT_OUT : topLevelExclusion(how.projection);
    if (excluded !== undefined) return fillStored(source, start, max, how.bytes, excluded.size === 0 ? undefined : new FieldsLeftOut(excluded));
  }
  const shown: Document[] = [];
  let bytes = 0;
  for (let at = start; at < source.length && shown.length < max; ) {
    const chunk = projectDocuments(source.slice(at, at + Math.min(FILL_CHUNK, max - shown.length)), how.projection, how.filter);
    for (const doc of chunk) {
      bytes += sizeBound(doc);
      if (bytes > MAX_BATCH_BYTES && shown.length > 0) return shown;
      shown.push(doc);
    }
    at += chunk.length;
  }
  return shown;
}

const NOTHING_LEFT_OUT: ReadonlySet<string> = new Set();

/** An array element's most bytes besides the document: its type, its name (an index) and the name's end. */
const ELEMENT_BYTES = 10;

function fillStored(source: Document[], start: number, max: number, store: StoredBytes, leftOut: FieldsLeftOut | undefined): StoredBatch {
  const docs: Buffer[] = [];
  const sizes: number[] = [];
  let bytes = 0;
  for (let at = start; at < source.length && docs.length < max; at++) {
    const doc = store.bytesOf(source[at]);
    const size = leftOut === undefined ? doc.length : leftOut.size(doc);
    bytes += size + ELEMENT_BYTES;
    if (bytes > MAX_BATCH_BYTES && docs.length > 0) break;
    docs.push(doc);
    sizes.push(size);
  }
  return new StoredBatch(docs, sizes, leftOut);
}

/**
 * At least a value's BSON size, at a fifth of the cost of measuring it: long strings at their UTF-8 length, short
 * strings and names at three bytes a character (UTF-8's most for one UTF-16 unit), binary data at its length,
 * anything else at 16 bytes. Batches cut on it stay under the 16 MiB a reply may hold, however large the documents.
 */
export function sizeBound(value: unknown): number {
  if (typeof value === 'string') return (value.length > 64 ? Buffer.byteLength(value, 'utf8') : 3 * value.length) + 8;
  if (typeof value !== 'object' || value === null) return 16;
  // Plain documents first: they are nearly every value, and a prototype test is cheaper than the checks below.
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype === Object.prototype || prototype === null) {
    // for...in reads a plain object's fields fastest; such an object inherits none.
    let bytes = 16;
    for (const key in value) bytes += 3 * key.length + 2 + sizeBound((value as Record<string, unknown>)[key]);
    return bytes;
  }
  if (Array.isArray(value)) {
    // An element's name is its index: at most 7 digits and a NUL, with the type byte.
    let bytes = 16;
    for (let i = 0; i < value.length; i++) bytes += 16 + sizeBound(value[i]);
    return bytes;
  }
  if (ArrayBuffer.isView(value)) return value.byteLength + 16;
  if (value instanceof RegExp) return 3 * (value.source.length + value.flags.length) + 16;
  if ((value as { _bsontype?: string })._bsontype === 'ObjectId') return 16;
  // Any other BSON value (Binary, Long, Code, DBRef...) is bounded by what it holds.
  let bytes = 16;
  for (const key of Object.keys(value)) bytes += 3 * key.length + 2 + sizeBound((value as Record<string, unknown>)[key]);
  return bytes;
}
