import { closeSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * On-disk framing shared by the journal and the checkpoint:
 *   u32 LE payload length | u32 LE CRC-32 of the payload | payload
 * The payload's first byte is the frame kind; the rest is a run of concatenated BSON documents.
 * A reader stops at the first frame that is short or fails its checksum, so a torn write is never half-applied.
 */
export const FRAME_HEADER_BYTES = 8;

export const FrameKind = {
  /** First frame of every file: one BSON document naming the file's kind and generation. */
  header: 0x48,
  /** Journal: one acknowledged group of records. */
  group: 0x47,
  /** Checkpoint: a batch of documents. */
  data: 0x44,
  /** Checkpoint: last frame, one BSON document with the document count (proves the file is whole). */
  end: 0x45,
} as const;

/** Largest payload a reader accepts; anything larger is treated as a corrupt length field. */
export const MAX_FRAME_PAYLOAD = 1 << 30;

/** Builds one frame from a kind byte and already-serialized BSON documents. */
export function encodeFrame(kind: number, documents: readonly Uint8Array[]): Buffer {
  let payloadLength = 1;
  for (const d of documents) payloadLength += d.byteLength;
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadLength);
  frame.writeUInt32LE(payloadLength, 0);
  frame[FRAME_HEADER_BYTES] = kind;
  let at = FRAME_HEADER_BYTES + 1;
  for (const d of documents) {
    frame.set(d, at);
    at += d.byteLength;
  }
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  return frame;
}

/** Seals a frame whose payload was written in place into `buffer[8 .. 8+payloadLength)`. */
export function sealFrame(buffer: Buffer, payloadLength: number): Buffer {
  buffer.writeUInt32LE(payloadLength, 0);
  buffer.writeUInt32LE(crc32(buffer.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + payloadLength)), 4);
  return buffer.subarray(0, FRAME_HEADER_BYTES + payloadLength);
}

export interface Frame {
  kind: number;
  /** Payload without the kind byte: concatenated BSON documents. */
  body: Buffer;
  /** File offset just past this frame. */
  end: number;
}

export type FrameScan =
  | { frame: Frame }
  | { broken: 'torn' | 'checksum' | 'length'; at: number };

const READ_CHUNK = 8 << 20;

/**
 * Reads frames from `path` between `start` and `limit` in fixed-size chunks, so a file of any size is read
 * without holding it in memory at once. Yields a `broken` marker (and stops) at the first bad frame.
 */
export function* readFrames(path: string, start = 0, limit = Infinity): Generator<FrameScan> {
  const fd = openSync(path, 'r');
  try {
    let chunk = Buffer.allocUnsafe(READ_CHUNK);
    let chunkStart = start;
    let chunkLength = 0;
    let at = start;
    const fill = (need: number): boolean => {
      const offsetInChunk = at - chunkStart;
      const have = chunkLength - offsetInChunk;
      if (have >= need) return true;
      if (need > chunk.length) {
        const bigger = Buffer.allocUnsafe(need);
        chunk.copy(bigger, 0, offsetInChunk, chunkLength);
        chunk = bigger;
      } else {
        chunk.copy(chunk, 0, offsetInChunk, chunkLength);
      }
      chunkStart = at;
      chunkLength = have;
      while (chunkLength < chunk.length && chunkStart + chunkLength < limit) {
        const want = Math.min(chunk.length - chunkLength, limit - (chunkStart + chunkLength));
        const n = readSync(fd, chunk, chunkLength, want, chunkStart + chunkLength);
        if (n === 0) break;
        chunkLength += n;
      }
      return chunkLength >= need;
    };
    for (;;) {
      if (!fill(1)) return;
      if (!fill(FRAME_HEADER_BYTES)) {
        yield { broken: 'torn', at };
        return;
      }
      let o = at - chunkStart;
      const payloadLength = chunk.readUInt32LE(o);
      const checksum = chunk.readUInt32LE(o + 4);
      if (payloadLength < 1 || payloadLength > MAX_FRAME_PAYLOAD) {
        yield { broken: 'length', at };
        return;
      }
      if (!fill(FRAME_HEADER_BYTES + payloadLength)) {
        yield { broken: 'torn', at };
        return;
      }
      o = at - chunkStart;
      const payload = chunk.subarray(o + FRAME_HEADER_BYTES, o + FRAME_HEADER_BYTES + payloadLength);
      if (crc32(payload) !== checksum) {
        yield { broken: 'checksum', at };
        return;
      }
      at += FRAME_HEADER_BYTES + payloadLength;
      // The body is a view into the read buffer: consumers must decode it before asking for the next frame.
      yield { frame: { kind: payload[0], body: payload.subarray(1), end: at } };
    }
  } finally {
    closeSync(fd);
  }
}
