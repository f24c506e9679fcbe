import { BSON, type Document } from 'bson';

/** Bytes kept by default before all are let go and keeping starts again. */
const DEFAULT_STORED_BYTES_BUDGET = 1024 * 1024 * 1024;
/** A location counts 8-byte units, so that it stays a small integer up to the largest budget. */
const MAX_BUDGET = 2 * 1024 * 1024 * 1024;
/** Room kept for the next document: the most the BSON encoder writes for one (17 MiB). */
const ROOM = 17 * 1024 * 1024;
/**
 * The least budget: a batch's documents (at most 15 MiB, and one more) must not be overwritten by those kept after the
 * budget fills in the middle of it.
 */
const MIN_BUDGET = 128 * 1024 * 1024;

/**
 * The BSON bytes of stored documents, encoded the first time one is sent and reused after. Documents are objects
 * scattered over a heap of gigabytes at a large register, and encoding one means reaching each of its values: a list
 * page's replies spent most of their time waiting for memory. The bytes of a document lie together, so a page already
 * sent once is copied, not encoded. Stored documents never change (an update stores a new object), so the bytes of
 * an object stay right; a version no longer stored leaves its bytes behind until the budget is full, when every
 * document is let go and keeping starts again from the beginning.
 *
 * The whole budget is one buffer taken when the engine starts, while its heap is small: memory taken outside the
 * heap while it runs counts towards V8's next full collection, which over a heap of gigabytes stops the engine for
 * seconds. The operating system gives the buffer's pages only as they are written.
 */
export class StoredBytes {
  private locations = new WeakMap<Document, number>();
  private readonly region: Buffer;
  /** Where the next document goes. */
  private used = 0;

  constructor(budgetBytes = DEFAULT_STORED_BYTES_BUDGET) {
    this.region = Buffer.allocUnsafeSlow(Math.max(MIN_BUDGET, Math.min(MAX_BUDGET, budgetBytes)));
  }

  /** Bytes in use now, up to the budget. */
  get heldBytes(): number {
    return this.used;
  }

  /** Whether the document's bytes are kept now. */
  holds(doc: Document): boolean {
    return this.locations.has(doc);
  }

  /** The document's BSON bytes as the reply encoder writes them; a view valid until the command has been answered. */
  bytesOf(doc: Document): Buffer {
    const location = this.locations.get(doc);
    if (location !== undefined) {
      const offset = location * 8;
      return this.region.subarray(offset, offset + this.region.readInt32LE(offset));
    }
    return this.keep(doc);
  }

  /**
   * Keeps the bytes of `docs` while the budget allows, letting none go; how many were kept. After opening a data
   * directory, so that the first pages a client asks for need no encoding.
   */
  keepAll(docs: Iterable<Document>): number {
    let kept = 0;
    for (const doc of docs) {
      if (this.full) break;
      if (this.locations.has(doc)) continue;
      this.keep(doc);
      kept++;
    }
    return kept;
  }

  /** Whether the next document might not fit: what is left is less than the most one may take. */
  private get full(): boolean {
    return this.region.length - this.used < ROOM;
  }

  private keep(doc: Document): Buffer {
    if (this.full) {
      this.locations = new WeakMap();
      this.used = 0;
    }
    const offset = this.used;
    const end = BSON.serializeWithBufferAndIndex(doc, this.region, { index: offset }) + 1;
    this.used = Math.ceil(end / 8) * 8;
    this.locations.set(doc, offset / 8);
    return this.region.subarray(offset, end);
  }
}

/**
 * Where the element whose type byte is at `at` ends: after its name and its value. Every BSON type's value is sized
 * by its type and, for the variable ones, by a length it carries.
 */
export function elementEnd(bytes: Buffer, at: number): number {
  const type = bytes[at];
  let value = bytes.indexOf(0, at + 1) + 1;
  switch (type) {
    case 0x01: // double
    case 0x09: // date
    case 0x11: // timestamp
    case 0x12: // int64
      return value + 8;
    case 0x02: // string
    case 0x0d: // JavaScript code
    case 0x0e: // symbol
      return value + 4 + bytes.readInt32LE(value);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return value + bytes.readInt32LE(value);
    case 0x05: // binary: length, subtype, data
      return value + 5 + bytes.readInt32LE(value);
    case 0x06: // undefined
    case 0x0a: // null
    case 0x7f: // max key
    case 0xff: // min key
      return value;
    case 0x07: // ObjectId
      return value + 12;
    case 0x08: // boolean
      return value + 1;
    case 0x0b: // regular expression: pattern and options, both C strings
      value = bytes.indexOf(0, value) + 1;
      return bytes.indexOf(0, value) + 1;
    case 0x0c: // DBPointer: a string and an ObjectId
      return value + 4 + bytes.readInt32LE(value) + 12;
    case 0x10: // int32
      return value + 4;
    case 0x13: // decimal128
      return value + 16;
    default:
      throw new Error(`unknown BSON type ${type} at byte ${at}`);
  }
}

/** Whether the name of the element at `at` (its type byte) is one of `names`, each given as its UTF-8 bytes. */
function named(bytes: Buffer, at: number, names: readonly Buffer[]): boolean {
  const start = at + 1;
  const end = bytes.indexOf(0, start);
  for (const name of names) if (name.length === end - start && bytes.compare(name, 0, name.length, start, end) === 0) return true;
  return false;
}

/**
 * A document's bytes without some top-level fields, as `{field: 0, ...}` projects it. `writeTo` puts them at `into[at]`
 * and returns where they end; `size` says how many that will be without writing.
 */
export class FieldsLeftOut {
  private readonly names: Buffer[];

  constructor(fields: Iterable<string>) {
    this.names = [...fields].map((field) => Buffer.from(field, 'utf8'));
  }

  size(doc: Buffer): number {
    let size = doc.length;
    for (let at = 4; doc[at] !== 0; ) {
      const end = elementEnd(doc, at);
      if (named(doc, at, this.names)) size -= end - at;
      at = end;
    }
    return size;
  }

  writeTo(doc: Buffer, into: Buffer, at: number): number {
    let out = at + 4;
    let runFrom = 4;
    let element = 4;
    while (doc[element] !== 0) {
      const end = elementEnd(doc, element);
      if (named(doc, element, this.names)) {
        out += doc.copy(into, out, runFrom, element);
        runFrom = end;
      }
      element = end;
    }
    out += doc.copy(into, out, runFrom, element + 1);
    into.writeInt32LE(out - at, at);
    return out;
  }
}

/**
 * A reply batch of stored documents held as their bytes (with the fields a projection leaves out, if any), for the
 * wire encoder to write as the batch's array; `sizes` are each document's as it will be written.
 */
export class StoredBatch {
  constructor(
    readonly docs: Buffer[],
    readonly sizes: number[],
    readonly leftOut: FieldsLeftOut | undefined,
  ) {}

  get length(): number {
    return this.docs.length;
  }

  /** The BSON array's bytes: its length, an element named by its index per document, and the closing zero. */
  get arrayBytes(): number {
    let bytes = 5;
    for (let i = 0; i < this.docs.length; i++) bytes += 2 + indexDigits(i) + this.sizes[i];
    return bytes;
  }

  /** Writes the array at `into[at]`; returns where it ends. */
  writeArray(into: Buffer, at: number): number {
    let out = at + 4;
    for (let i = 0; i < this.docs.length; i++) {
      into[out++] = 0x03;
      out += into.write(String(i), out, 'latin1');
      into[out++] = 0;
      const doc = this.docs[i];
      out = this.leftOut === undefined ? out + doc.copy(into, out) : this.leftOut.writeTo(doc, into, out);
    }
    into[out++] = 0;
    into.writeInt32LE(out - at, at);
    return out;
  }
}

const indexDigits = (i: number) => (i < 10 ? 1 : i < 100 ? 2 : i < 1000 ? 3 : String(i).length);
