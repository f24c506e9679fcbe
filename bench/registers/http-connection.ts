import { connect, type Socket } from 'node:net';

/*
 * One keep-alive HTTP/1.1 connection that sends GETs one at a time and reads answers framed by Content-Length or
 * chunked encoding: the least a load generator must do, so that on a shared machine it takes as little CPU from the
 * server it measures as it can (Node's own client costs about twice as much per request).
 */
export type Outcome = { status: number } | { error: 'timeout' | 'error' };

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * A socket idle this long is not reused: Node's server closes keep-alive connections idle for 5 s, and a request
 * written as that close is under way is lost. Well-behaved clients keep their own idle limit below the server's.
 */
export const DEFAULT_IDLE_MS = 4000;

export class HttpConnection {
  /** Opened by the first request, and again by the first one after the socket is lost; never reopened otherwise. */
  private socket?: Socket;
  private chunks: Buffer[] = [];
  private received = 0;
  /** The answer's head, once it has arrived: its status and where and how its body ends. */
  private head?: { status: number; bodyStart: number; length?: number };
  private pending?: { done: (outcome: Outcome) => void; timer: NodeJS.Timeout };
  /** When the socket last went quiet: opened, or its last answer read. */
  private idleSince = performance.now();

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs: number,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {
    this.socket = this.open();
  }

  get(path: string, done: (outcome: Outcome) => void): void {
    if (this.pending) throw new Error('a request is already under way on this connection');
    const timer = setTimeout(() => this.fail('timeout'), this.timeoutMs);
    this.pending = { done, timer };
    if (this.socket && performance.now() - this.idleSince > this.idleMs) this.discard();
    this.socket ??= this.open();
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nAccept: application/json\r\n\r\n`);
  }

  close(): void {
    this.discard();
  }

  private open(): Socket {
    this.idleSince = performance.now();
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => this.fail('error'));
    // A server may close an idle keep-alive connection: the next request goes out on a new one.
    socket.on('close', () => (this.pending ? this.fail('error') : this.discard()));
    return socket;
  }

  /** Lets the socket go for good: no event of it reaches this connection again. */
  private discard(): void {
    if (!this.socket) return;
    this.socket.removeAllListeners();
    this.socket.on('error', () => {});
    this.socket.destroy();
    this.socket = undefined;
  }

  /** Ends the request under way, if any, with an error; the next request opens a new socket. */
  private fail(error: 'timeout' | 'error'): void {
    const pending = this.pending;
    if (!pending) return;
    this.discard();
    this.finish(pending, { error });
  }

  private finish(pending: NonNullable<HttpConnection['pending']>, outcome: Outcome): void {
    clearTimeout(pending.timer);
    this.pending = undefined;
    this.idleSince = performance.now();
    this.chunks = [];
    this.received = 0;
    this.head = undefined;
    pending.done(outcome);
  }

  private read(chunk: Buffer): void {
    const pending = this.pending;
    if (!pending) return this.discard();
    this.received += chunk.length;
    // A body of known length is only counted; bytes are kept while the head or a chunked body is incomplete.
    if (this.head?.length !== undefined) {
      if (this.received >= this.head.bodyStart + this.head.length) this.finish(pending, { status: this.head.status });
      return;
    }
    this.chunks.push(chunk);
    const data = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks, this.received);
    this.chunks = [data];
    if (!this.head) {
      const headerEnd = data.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const text = data.toString('latin1', 0, headerEnd);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
      if (!length && !/\r\ntransfer-encoding:\s*chunked/i.test(text)) return this.fail('error');
      this.head = { status: Number(text.slice(9, 12)), bodyStart: headerEnd + HEADER_END.length, length: length ? Number(length[1]) : undefined };
      if (this.head.length !== undefined) {
        this.chunks = [];
        if (this.received >= this.head.bodyStart + this.head.length) this.finish(pending, { status: this.head.status });
        return;
      }
    }
    if (chunkedComplete(data, this.head.bodyStart)) this.finish(pending, { status: this.head.status });
  }
}

/** Whether a chunked body starting at `at` has arrived whole (its zero-length last chunk and the blank line after). */
function chunkedComplete(data: Buffer, at: number): boolean {
  let position = at;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', position);
    if (lineEnd < 0) return false;
    const size = parseInt(data.toString('latin1', position, lineEnd), 16);
    if (Number.isNaN(size)) return false;
    if (size === 0) return data.indexOf(HEADER_END, lineEnd) >= 0;
    position = lineEnd + 2 + size + 2;
    if (position > data.length) return false;
  }
}
