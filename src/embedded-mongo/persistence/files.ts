import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { deserialize, serialize, type Document } from 'bson';
import { countDocuments } from './codec.js';
import { encodeFrame, FRAME_HEADER_BYTES, FrameKind, readFrames, sealFrame } from './frame.js';

export const CHECKPOINT_FILE = 'checkpoint.bson';
export const JOURNAL_FILE = 'journal.bson';
export const TEMP_SUFFIX = '.tmp';
const FORMAT = 'embedded-mongo';
const VERSION = 1;

export type FileKind = 'checkpoint' | 'journal';

export class CorruptDataFileError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'CorruptDataFileError';
  }
}

export function headerFrame(kind: FileKind, generation: number): Buffer {
  return encodeFrame(FrameKind.header, [serialize({ format: FORMAT, version: VERSION, kind, generation })]);
}

/** Writes all of `buffer` at `position`, looping because a write may be partial. */
export function writeFully(fd: number, buffer: Buffer, position: number): void {
  let done = 0;
  while (done < buffer.length) done += writeSync(fd, buffer, done, buffer.length - done, position + done);
}

/** Flushes a rename to disk: without it the new name may not survive a power loss. */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or sync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads and checks a file's first frame; returns its generation and where the next frame starts. */
export function readHeader(path: string, kind: FileKind): { generation: number; end: number } {
  for (const scan of readFrames(path)) {
    if ('broken' in scan) break;
    if (scan.frame.kind !== FrameKind.header) break;
    const header = deserialize(scan.frame.body);
    if (header.format !== FORMAT || header.kind !== kind) {
      throw new CorruptDataFileError(path, `not an ${FORMAT} ${kind} file`);
    }
    if (header.version !== VERSION) throw new CorruptDataFileError(path, `unsupported format version ${header.version}`);
    return { generation: Number(header.generation), end: scan.frame.end };
  }
  throw new CorruptDataFileError(path, 'missing or damaged header');
}

const CHECKPOINT_FRAME_BYTES = 4 << 20;

/**
 * Streams `all` into a new checkpoint file at `path` (header, data frames of about 4 MiB, end frame with the count)
 * and fsyncs it. Memory stays at one frame however many documents there are.
 */
export function writeCheckpointFile(path: string, generation: number, all: Iterable<Document>): number {
  const fd = openSync(path, 'w');
  try {
    let position = 0;
    const put = (frame: Buffer) => {
      writeFully(fd, frame, position);
      position += frame.length;
    };
    put(headerFrame('checkpoint', generation));
    const frame = Buffer.allocUnsafe(CHECKPOINT_FRAME_BYTES);
    frame[FRAME_HEADER_BYTES] = FrameKind.data;
    const bodyStart = FRAME_HEADER_BYTES + 1;
    let at = bodyStart;
    const flush = () => {
      if (at > bodyStart) put(sealFrame(frame, at - FRAME_HEADER_BYTES));
      at = bodyStart;
    };
    let count = 0;
    for (const doc of all) {
      const bytes = serialize(doc);
      count++;
      if (at + bytes.length > frame.length) flush();
      if (bodyStart + bytes.length > frame.length) {
        put(encodeFrame(FrameKind.data, [bytes]));
      } else {
        frame.set(bytes, at);
        at += bytes.length;
      }
    }
    flush();
    put(encodeFrame(FrameKind.end, [serialize({ count })]));
    fsyncSync(fd);
    return count;
  } finally {
    closeSync(fd);
  }
}

/** Checks every frame of a checkpoint (checksums, the end frame, the count) without decoding documents. */
export function verifyCheckpointFile(path: string): void {
  let count = 0;
  let first = true;
  for (const scan of readFrames(path)) {
    if ('broken' in scan) throw new CorruptDataFileError(path, `damaged frame at byte ${scan.at} (${scan.broken})`);
    const { kind, body } = scan.frame;
    if (first) {
      first = false;
      continue;
    }
    if (kind === FrameKind.end) {
      const expected = Number(deserialize(body).count);
      if (expected !== count) throw new CorruptDataFileError(path, `holds ${count} documents, its end frame says ${expected}`);
      return;
    }
    const n = kind === FrameKind.data ? countDocuments(body) : -1;
    if (n < 0) throw new CorruptDataFileError(path, `malformed frame before byte ${scan.frame.end}`);
    count += n;
  }
  throw new CorruptDataFileError(path, 'incomplete: no end frame');
}

/** Creates `path` holding only a journal header, atomically (written to a temp file, synced, renamed). */
export function createEmptyJournal(dir: string, path: string, generation: number): void {
  const temp = path + TEMP_SUFFIX;
  const fd = openSync(temp, 'w');
  try {
    writeFully(fd, headerFrame('journal', generation), 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  fsyncDirectory(dir);
}
