import type { ProjectionNode } from './public-projection.js';

/*
 * The public JSON of a stored record, written straight from the BSON the database sent: the same text as
 * `JSON.stringify` of the record through the shared presenter (`id` first, internal fields and `_id` dropped, the
 * public projection), without first decoding it into objects. A list page of the public is mostly that decoding,
 * the copy the presenter makes and the string JSON.stringify builds; here strings go byte for byte from the reply
 * to the answer.
 *
 * Only what a register stores is written this way: strings, numbers, booleans, null, objects and arrays, under
 * ASCII names that start with neither a digit nor `$`. Anything else (a date or binary value, an integer-like
 * name, which an object would move to the front) and a withdrawn record, whose public view is a notice, make
 * `write` answer false with nothing written, and the caller presents that record the usual way.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';
/** JSON.stringify's short escapes for control characters; the rest are \u00xx. */
const SHORT_ESCAPES: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 };
const WITHDRAWN = Buffer.from('withdrawn');

/** A growing buffer the answer is written into. */
export class JsonBytes {
  bytes: Buffer;
  at = 0;

  constructor(size = 16_384) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + n));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
  }

  /** Text made only of ASCII characters: punctuation, numbers, names already checked. */
  ascii(text: string): void {
    this.room(text.length);
    for (let i = 0; i < text.length; i++) this.bytes[this.at++] = text.charCodeAt(i);
  }

  /** Any text, as UTF-8 (for a record presented the usual way). */
  text(text: string): void {
    this.room(Buffer.byteLength(text));
    this.at += this.bytes.write(text, this.at, 'utf8');
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.at++] = value;
  }

  /** Bytes already JSON, such as a name and its colon. */
  copy(source: Buffer): void {
    this.room(source.length);
    const bytes = this.bytes;
    let at = this.at;
    for (let i = 0; i < source.length; i++) bytes[at++] = source[i];
    this.at = at;
  }

  /** UTF-8 bytes from `source` as a JSON string, quotes included, escaped as JSON.stringify escapes. */
  quoted(source: Buffer, start: number, end: number): void {
    this.room(end - start + 2);
    let bytes = this.bytes;
    let at = this.at;
    bytes[at++] = QUOTE;
    for (let i = start; i < end; i++) {
      const b = source[i];
      if (b >= 0x20 && b !== QUOTE && b !== BACKSLASH) {
        bytes[at++] = b;
        continue;
      }
      this.at = at;
      this.room(end - i + 7);
      this.bytes[this.at++] = BACKSLASH;
      const short = b === QUOTE || b === BACKSLASH ? b : SHORT_ESCAPES[b];
      if (short !== undefined) this.bytes[this.at++] = short;
      else this.ascii(`u00${HEX[b >> 4]}${HEX[b & 15]}`);
      bytes = this.bytes;
      at = this.at;
    }
    bytes[at++] = QUOTE;
    this.at = at;
  }

  /** What has been written. */
  done(): Buffer {
    return this.bytes.subarray(0, this.at);
  }
}

/** Thrown inside a walk to give the record back to the usual presenter. */
class NotPlain extends Error {}
const notPlain = new NotPlain();

const int32 = (bytes: Buffer, at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);

/** The end of the NUL-terminated name at `at`, after checking it is one an object keeps in place. */
function nameEnd(bytes: Buffer, at: number): number {
  const first = bytes[at];
  // Digits: an integer-like name comes first in an object, so the order would differ. `$`: operators and DBRefs.
  if (first === 0x24 || (first >= 0x30 && first <= 0x39)) throw notPlain;
  let end = at;
  while (bytes[end] !== 0) {
    // Past the end: not a document this writer reads; the usual decoder will say what is wrong with it.
    if (bytes[end] >= 0x80 || end >= bytes.length) throw notPlain;
    end++;
  }
  return end;
}

/** What a name means at one place: the projection below it (null: left out), and for a record's own fields more. */
interface Meaning {
  node: ProjectionNode | null;
  /** `_id` or an internal field: never shown as stored. */
  hidden?: boolean;
  /** A stored `id` would take the place of the one made from `_id`. */
  clashes?: boolean;
  /** `status`, whose value `withdrawn` turns the record into a notice. */
  status?: boolean;
}

interface Known extends Meaning {
  bytes: Buffer;
  /** The name as JSON and its colon, ready to copy. */
  label: Buffer;
  /** The name that came after this one last time: records of a kind keep their fields in one order. */
  next?: Known;
}

/**
 * The names met at one place, so that a name becomes a string only the first time it is seen there: the records of a
 * kind repeat the same few names in the same order. The name expected next is compared first; any other is found
 * by a hash of its bytes.
 */
class Names {
  private readonly byHash = new Map<number, Known[]>();
  /** The first name of the last object read here. */
  private first?: Known;
  /** Where the name last looked up ends (its NUL). */
  end = 0;

  constructor(private readonly meaning: (name: string) => Meaning) {}

  /**
   * The meaning of the name at `start`, checked as `nameEnd` checks it; `previous`, the name before it in the same
   * object (undefined for the first), is tried first and learns which name follows it.
   */
  lookup(bytes: Buffer, start: number, previous: Known | undefined): Known {
    const predicted = previous === undefined ? this.first : previous.next;
    if (predicted !== undefined && bytes[start + predicted.bytes.length] === 0 && sameBytes(predicted.bytes, bytes, start, start + predicted.bytes.length)) {
      this.end = start + predicted.bytes.length;
      return predicted;
    }
    const known = this.find(bytes, start);
    if (previous === undefined) this.first = known;
    else previous.next = known;
    return known;
  }

  private find(bytes: Buffer, start: number): Known {
    const end = (this.end = nameEnd(bytes, start));
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    const candidates = this.byHash.get(hash);
    if (candidates !== undefined) {
      for (const known of candidates) if (sameBytes(known.bytes, bytes, start, end)) return known;
    }
    const name = bytes.toString('latin1', start, end);
    // `__proto__` would set the copy's prototype where the presenter copies fields one by one.
    if (name === '__proto__') throw notPlain;
    const label = new JsonBytes(end - start + 8);
    label.quoted(bytes, start, end);
    label.byte(0x3a);
    const known: Known = { ...this.meaning(name), bytes: Buffer.from(bytes.subarray(start, end)), label: Buffer.from(label.done()) };
    if (candidates === undefined) this.byHash.set(hash, [known]);
    else candidates.push(known);
    return known;
  }
}

function sameBytes(known: Buffer, bytes: Buffer, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let i = 0; i < known.length; i++) if (known[i] !== bytes[start + i]) return false;
  return true;
}

const namesAt = new WeakMap<ProjectionNode, Names>();

function namesOf(node: ProjectionNode): Names {
  let names = namesAt.get(node);
  if (names === undefined) namesAt.set(node, (names = new Names((name) => ({ node: node.field(name) }))));
  return names;
}

/** Writes the public JSON of one kind's stored records; see the top of this file. */
export interface PublicRecordWriter {
  /** Writes one record into `out` and answers true, or answers false with `out` as it was. */
  write(bytes: Buffer, out: JsonBytes): boolean;
}

/** `root`: the kind's public projection; `internal`: the stored fields never shown. */
export function publicRecordWriter(root: ProjectionNode, internal: ReadonlySet<string>): PublicRecordWriter {
  const names = new Names((name) => {
    if (name === '_id' || internal.has(name)) return { node: null, hidden: true };
    return { node: root.field(name), clashes: name === 'id', status: name === 'status' };
  });
  const showsId = root.field('id') !== null;
  return {
    write(bytes, out) {
      const start = out.at;
      try {
        writeRecord(names, showsId, bytes, out);
        return true;
      } catch (error) {
        if (error !== notPlain) throw error;
        out.at = start;
        return false;
      }
    },
  };
}

function writeRecord(names: Names, showsId: boolean, bytes: Buffer, out: JsonBytes): void {
  const end = int32(bytes, 0) - 1;
  let first = true;
  out.byte(0x7b);
  // `id` comes first whatever the stored order, from `_id`: a string as it is, an ObjectId as hex.
  if (showsId) {
    for (let at = 4; at < end; ) {
      const type = bytes[at];
      const nameStart = at + 1;
      const value = nameEnd(bytes, nameStart) + 1;
      if (value - nameStart === 4 && bytes[nameStart] === 0x5f && bytes[nameStart + 1] === 0x69 && bytes[nameStart + 2] === 0x64) {
        out.ascii('"id":');
        if (type === 0x07) out.ascii(`"${bytes.toString('hex', value, value + 12)}"`);
        else if (type === 0x02) out.quoted(bytes, value + 4, value + 4 + int32(bytes, value) - 1);
        else throw notPlain;
        first = false;
        break;
      }
      at = skip(bytes, type, value);
    }
  }
  writeFields(names, bytes, 0, first, out);
  out.byte(0x7d);
}

/**
 * The fields of the document at `start` that `names` shows, each with its name, the first after a comma unless
 * `first`. A record's own names may also hide a field, or give the record back (see `Meaning`).
 */
function writeFields(names: Names, bytes: Buffer, start: number, first: boolean, out: JsonBytes): void {
  const end = start + int32(bytes, start) - 1;
  let previous: Known | undefined;
  for (let at = start + 4; at < end; ) {
    const type = bytes[at];
    const meaning = (previous = names.lookup(bytes, at + 1, previous));
    const value = names.end + 1;
    at = skip(bytes, type, value);
    if (meaning.hidden === true) continue;
    if (meaning.clashes === true) throw notPlain;
    if (meaning.status === true && type === 0x02 && int32(bytes, value) === WITHDRAWN.length + 1 && WITHDRAWN.equals(bytes.subarray(value + 4, value + 4 + WITHDRAWN.length))) throw notPlain;
    if (meaning.node === null) continue;
    if (!first) out.byte(0x2c);
    first = false;
    out.copy(meaning.label);
    writeValue(meaning.node, bytes, type, value, out);
  }
}

/** `node` undefined: copied as it is, as `publicProjection` copies the items of an array no schema describes. */
function writeValue(node: ProjectionNode | undefined, bytes: Buffer, type: number, at: number, out: JsonBytes): void {
  switch (type) {
    case 0x01: {
      const value = bytes.readDoubleLE(at);
      out.ascii(Number.isFinite(value) ? String(value) : 'null');
      return;
    }
    case 0x02:
      out.quoted(bytes, at + 4, at + 4 + int32(bytes, at) - 1);
      return;
    case 0x03:
      writeObject(node, bytes, at, out);
      return;
    case 0x04:
      writeArray(node === undefined ? undefined : (node.items() ?? undefined), bytes, at, out);
      return;
    case 0x08:
      out.ascii(bytes[at] === 1 ? 'true' : 'false');
      return;
    case 0x0a:
      out.ascii('null');
      return;
    case 0x10:
      out.ascii(String(int32(bytes, at)));
      return;
    case 0x12: {
      // The driver makes a number of a 64-bit integer only within ±2^53; beyond, a Long.
      const value = bytes.readBigInt64LE(at);
      if (value > 9007199254740992n || value < -9007199254740992n) throw notPlain;
      out.ascii(String(Number(value)));
      return;
    }
    default:
      throw notPlain;
  }
}

function writeObject(node: ProjectionNode | undefined, bytes: Buffer, start: number, out: JsonBytes): void {
  out.byte(0x7b);
  if (node !== undefined) {
    writeFields(namesOf(node), bytes, start, true, out);
    out.byte(0x7d);
    return;
  }
  // Copied as it is: every field, its name escaped here.
  const end = start + int32(bytes, start) - 1;
  for (let at = start + 4; at < end; ) {
    const type = bytes[at];
    const nameStart = at + 1;
    const nameStop = nameEnd(bytes, nameStart);
    at = skip(bytes, type, nameStop + 1);
    if (nameStart !== start + 5) out.byte(0x2c);
    out.quoted(bytes, nameStart, nameStop);
    out.byte(0x3a);
    writeValue(undefined, bytes, type, nameStop + 1, out);
  }
  out.byte(0x7d);
}

/** An array's items in order; BSON names them "0", "1"… and the names are not read. */
function writeArray(items: ProjectionNode | undefined, bytes: Buffer, start: number, out: JsonBytes): void {
  const end = start + int32(bytes, start) - 1;
  let first = true;
  out.byte(0x5b);
  for (let at = start + 4; at < end; ) {
    const type = bytes[at];
    // The name ("0", "1"…) is not read, only passed.
    let value = at + 1;
    while (bytes[value] !== 0) if (++value >= bytes.length) throw notPlain;
    value++;
    at = skip(bytes, type, value);
    if (!first) out.byte(0x2c);
    first = false;
    writeValue(items, bytes, type, value, out);
  }
  out.byte(0x5d);
}

/** Where the element after a value of `type` at `at` starts. */
function skip(bytes: Buffer, type: number, at: number): number {
  switch (type) {
    case 0x01:
    case 0x09:
    case 0x11:
    case 0x12:
      return at + 8;
    case 0x02:
    case 0x0d:
    case 0x0e:
      return at + 4 + int32(bytes, at);
    case 0x03:
    case 0x04:
    case 0x0f:
      return at + int32(bytes, at);
    case 0x05:
      return at + 5 + int32(bytes, at);
    case 0x07:
      return at + 12;
    case 0x08:
      return at + 1;
    case 0x06:
    case 0x0a:
    case 0x7f:
    case 0xff:
      return at;
    case 0x10:
      return at + 4;
    case 0x13:
      return at + 16;
    default:
      // Regular expressions, DB pointers and anything unknown: leave the record to the usual presenter.
      throw notPlain;
  }
}
