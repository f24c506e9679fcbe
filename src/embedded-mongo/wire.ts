import { BSON, type Document } from 'bson';
import { elementEnd, StoredBatch } from './stored-bytes.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const FLAG_CHECKSUM_PRESENT = 1 << 0;
const FLAG_MORE_TO_COME = 1 << 1;
const FLAG_EXHAUST_ALLOWED = 1 << 16;

export interface MessageHeader {
  messageLength: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A command as the dispatcher sees it, whatever the framing it arrived in. */
export interface IncomingCommand {
  header: MessageHeader;
  body: Document;
  /** OP_MSG only: the client will not read a reply (unacknowledged write). */
  moreToCome: boolean;
  exhaustAllowed: boolean;
  /** The legacy OP_QUERY framing wants an OP_REPLY back. */
  legacy: boolean;
}

/**
 * Numbers come back as JS numbers (promoteValues) because mingo compares plain values;
 * the int32/int64/double distinction is not kept (see docs/embedded-engine.md).
 */
export const DESERIALIZE_OPTIONS = { promoteValues: true, promoteLongs: true, promoteBuffers: false, bsonRegExp: false } as const;

export function decodeDocument(buf: Uint8Array): Document {
  return BSON.deserialize(buf, DESERIALIZE_OPTIONS);
}

export class WireFormatError extends Error {}

/** Returns the length of the first complete message in the buffer, or 0 when more bytes are needed. */
export function completeMessageLength(buf: Buffer, maxMessageSize: number): number {
  if (buf.length < 4) return 0;
  const length = buf.readInt32LE(0);
  if (length < HEADER_SIZE || length > maxMessageSize) throw new WireFormatError(`invalid message length ${length}`);
  return buf.length >= length ? length : 0;
}

export function parseMessage(msg: Buffer): IncomingCommand {
  const header: MessageHeader = {
    messageLength: msg.readInt32LE(0),
    requestId: msg.readInt32LE(4),
    responseTo: msg.readInt32LE(8),
    opCode: msg.readInt32LE(12),
  };
  if (header.opCode === OP_MSG) return parseOpMsg(header, msg);
  if (header.opCode === OP_QUERY) return parseOpQuery(header, msg);
  throw new WireFormatError(`unsupported opCode ${header.opCode}`);
}

function parseOpMsg(header: MessageHeader, msg: Buffer): IncomingCommand {
  const flags = msg.readUInt32LE(HEADER_SIZE);
  const end = flags & FLAG_CHECKSUM_PRESENT ? msg.length - 4 : msg.length;
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = msg[offset++];
    if (kind === 0) {
      const size = msg.readInt32LE(offset);
      body = decodeDocument(msg.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = msg.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = msg.indexOf(0, offset + 4);
      const identifier = msg.toString('utf8', offset + 4, nameEnd);
      let p = nameEnd + 1;
      const docs: Document[] = [];
      while (p < sectionEnd) {
        const docSize = msg.readInt32LE(p);
        docs.push(decodeDocument(msg.subarray(p, p + docSize)));
        p += docSize;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new WireFormatError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new WireFormatError('OP_MSG without a body section');
  // A document sequence is the same field as an array in the body.
  for (const [identifier, docs] of sequences) body[identifier] = docs;
  return {
    header,
    body,
    moreToCome: (flags & FLAG_MORE_TO_COME) !== 0,
    exhaustAllowed: (flags & FLAG_EXHAUST_ALLOWED) !== 0,
    legacy: false,
  };
}

function parseOpQuery(header: MessageHeader, msg: Buffer): IncomingCommand {
  let offset = HEADER_SIZE + 4;
  const nameEnd = msg.indexOf(0, offset);
  const collection = msg.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const size = msg.readInt32LE(offset);
  let body = decodeDocument(msg.subarray(offset, offset + size));
  // Old drivers wrap the command as {$query: {...}, $readPreference: ...}.
  if (body.$query && typeof body.$query === 'object') body = body.$query as Document;
  const db = collection.endsWith('.$cmd') ? collection.slice(0, -'.$cmd'.length) : collection.split('.')[0];
  body.$db ??= db;
  return { header, body, moreToCome: false, exhaustAllowed: false, legacy: true };
}

function writeHeader(buf: Buffer, length: number, requestId: number, responseTo: number, opCode: number): void {
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
}

/** An OP_MSG's header, flags and the kind of its one section (a body), before the body at HEADER_SIZE + 5. */
function writeOpMsgHead(buf: Buffer, length: number, requestId: number, responseTo: number, moreToCome: boolean): void {
  writeHeader(buf, length, requestId, responseTo, OP_MSG);
  buf.writeUInt32LE(moreToCome ? FLAG_MORE_TO_COME : 0, HEADER_SIZE);
  buf[HEADER_SIZE + 4] = 0;
}

/** Room for any reply: the most the BSON encoder serializes in one document (17 MiB), after OP_REPLY's header. */
export const MAX_REPLY_BYTES = 17 * 1024 * 1024 + HEADER_SIZE + 20;

/**
 * Encodes a reply into `into` from its start (as OP_MSG, or as OP_REPLY for a legacy OP_QUERY) and returns its length.
 * `into` must hold MAX_REPLY_BYTES.
 */
export function encodeReply(into: Buffer, doc: Document, requestId: number, responseTo: number, legacy: boolean, moreToCome = false): number {
  const payloadAt = legacy ? HEADER_SIZE + 20 : HEADER_SIZE + 5;
  const length = encodeDocument(into, doc, payloadAt);
  if (!legacy) {
    writeOpMsgHead(into, length, requestId, responseTo, moreToCome);
    return length;
  }
  writeHeader(into, length, requestId, responseTo, OP_REPLY);
  into.writeInt32LE(0, HEADER_SIZE); // responseFlags
  into.writeBigInt64LE(0n, HEADER_SIZE + 4); // cursorID
  into.writeInt32LE(0, HEADER_SIZE + 12); // startingFrom
  into.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  return length;
}

/** Writes `doc` at `into[at]`; returns where it ends. A cursor's batch of stored bytes is written as they are. */
function encodeDocument(into: Buffer, doc: Document, at: number): number {
  const cursor = doc.cursor as Document | undefined;
  const name = cursor?.firstBatch instanceof StoredBatch ? 'firstBatch' : cursor?.nextBatch instanceof StoredBatch ? 'nextBatch' : undefined;
  if (cursor === undefined || name === undefined) return BSON.serializeWithBufferAndIndex(doc, into, { index: at }) + 1;
  const batch = cursor[name] as StoredBatch;
  // The reply with an empty batch, then the batch's array written in the empty one's place.
  const end = BSON.serializeWithBufferAndIndex({ ...doc, cursor: { ...cursor, [name]: [] } }, into, { index: at }) + 1;
  const cursorAt = valueOf(into, at, 'cursor');
  const arrayAt = valueOf(into, cursorAt, name);
  const arrayBytes = batch.arrayBytes;
  const grown = arrayBytes - EMPTY_DOCUMENT_BYTES;
  into.copyWithin(arrayAt + arrayBytes, arrayAt + EMPTY_DOCUMENT_BYTES, end);
  batch.writeArray(into, arrayAt);
  into.writeInt32LE(into.readInt32LE(cursorAt) + grown, cursorAt);
  into.writeInt32LE(into.readInt32LE(at) + grown, at);
  return end + grown;
}

const EMPTY_DOCUMENT_BYTES = 5;
/** Field names as the reply's bytes hold them, with their closing zero. */
const FIELD_NAMES: Record<string, Buffer> = {};

/** Where the value of the field `name` of the document at `into[docAt]` starts. */
function valueOf(into: Buffer, docAt: number, name: string): number {
  const wanted = (FIELD_NAMES[name] ??= Buffer.from(`${name}\0`, 'latin1'));
  for (let element = docAt + 4; into[element] !== 0; element = elementEnd(into, element)) {
    if (into.compare(wanted, 0, wanted.length, element + 1, element + 1 + wanted.length) === 0) return element + 1 + wanted.length;
  }
  throw new Error(`the reply has no field ${name}`);
}

/** One OP_MSG in a buffer of its own, for clients and tests; the server encodes through `encodeReply`. */
export function serializeOpMsg(doc: Document, requestId: number, responseTo: number, moreToCome = false): Buffer {
  const payload = BSON.serialize(doc);
  const buf = Buffer.allocUnsafe(HEADER_SIZE + 5 + payload.length);
  writeOpMsgHead(buf, buf.length, requestId, responseTo, moreToCome);
  buf.set(payload, HEADER_SIZE + 5);
  return buf;
}
