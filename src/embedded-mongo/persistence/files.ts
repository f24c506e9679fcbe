import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
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
 * A checkpoint file being written: header, data frames of about 4 MiB, then an end frame with the count, fsynced.
 * Documents are added one at a time, so the caller decides how much to write before it lets other work run; memory
 * stays at one frame however many documents there are.
 */
export class CheckpointFileWriter {
  private readonly fd: number;
  private position = 0;
  private readonly frame = Buffer.allocUnsafe(CHECKPOINT_FRAME_BYTES);
  private readonly bodyStart = FRAME_HEADER_BYTES + 1;
  private at = this.bodyStart;
  private count = 0;
  private open = true;

  constructor(
    readonly path: string,
    generation: number,
  ) {
    this.fd = openSync(path, 'w');
    this.frame[FRAME_HEADER_BYTES] = FrameKind.data;
    try {
      this.put(headerFrame('checkpoint', generation));
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  add(doc: Document): void {
    const bytes = serialize(doc);
    this.count++;
    if (this.at + bytes.length > this.frame.length) this.flush();
    if (this.bodyStart + bytes.length > this.frame.length) {
      this.put(encodeFrame(FrameKind.data, [bytes]));
    } else {
      this.frame.set(bytes, this.at);
      this.at += bytes.length;
    }
  }

  /** Writes the end frame (with the count of documents) and fsyncs. */
  finish(): void {
    this.flush();
    this.put(encodeFrame(FrameKind.end, [serialize({ count: this.count })]));
    fsyncSync(this.fd);
    this.close();
  }

  /** Gives up: closes and removes the unfinished file. */
  abort(): void {
    this.close();
    rmSync(this.path, { force: true });
  }

  private close(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.at > this.bodyStart) this.put(sealFrame(this.frame, this.at - FRAME_HEADER_BYTES));
    this.at = this.bodyStart;
  }

  private put(frame: Buffer): void {
    writeFully(this.fd, frame, this.position);
    this.position += frame.length;
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

/** The part of an open journal to carry into a new one: bytes [start, end) of the file `fd` has open. */
export interface JournalTail {
  fd: number;
  start: number;
  end: number;
}

/**
 * Writes a journal of `generation` to the temp file beside `path` and fsyncs it: its header, then the frames of
 * `tail` when given (appended while a checkpoint was being written, so not in it). Returns the temp file's path.
 */
export function writeJournalTemp(path: string, generation: number, tail?: JournalTail): string {
  const temp = path + TEMP_SUFFIX;
  const fd = openSync(temp, 'w');
  try {
    const header = headerFrame('journal', generation);
    writeFully(fd, header, 0);
    let position = header.length;
    if (tail && tail.end > tail.start) {
      const chunk = Buffer.allocUnsafe(Math.min(4 << 20, tail.end - tail.start));
      for (let at = tail.start; at < tail.end; ) {
        const read = readSync(tail.fd, chunk, 0, Math.min(chunk.length, tail.end - at), at);
        if (read <= 0) throw new Error(`the journal ended at byte ${at}, before ${tail.end}`);
        writeFully(fd, chunk.subarray(0, read), position);
        position += read;
        at += read;
      }
    }
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  return temp;
}

/** Creates `path` holding only a journal header, atomically (written to a temp file, synced, renamed). */
export function createEmptyJournal(dir: string, path: string, generation: number): void {
  renameSync(writeJournalTemp(path, generation), path);
  fsyncDirectory(dir);
}
