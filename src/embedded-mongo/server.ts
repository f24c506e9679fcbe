import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ObjectId, type Document } from 'bson';
import { Engine, EXPIRY_BATCH, type EngineOptions } from './engine.js';
import { asCommandError, CommandError } from './errors.js';
import { WaitForTransaction, type Transaction } from './sessions/transaction.js';
import { runCommand } from './commands/index.js';
import { clusterTimeFields, MAX_MESSAGE_SIZE_BYTES } from './commands/handshake.js';
import type { CommandContext, ServerIdentity } from './commands/context.js';
import { ReplyBuffers } from './reply-buffers.js';
import { completeMessageLength, encodeReply, MAX_REPLY_BYTES, parseMessage, type IncomingCommand } from './wire.js';

export interface ServerOptions extends EngineOptions {
  port: number;
  host: string;
  /** Replica set name reported by hello. */
  setName?: string;
  /**
   * Also listen on a Unix domain socket in this directory, `mongodb-<port>.sock`, readable by this user only, as mongod
   * does under /tmp. Clients on the same machine skip TCP's loopback path: its round trips cost less CPU on both sides.
   */
  unixSocketPrefix?: string;
  log?: (message: string) => void;
}

/** One client connection: reassembles messages from TCP chunks and answers each in order. */
class Connection {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** A command is waiting for a transaction: later messages wait behind it, to be answered in order. */
  private waiting = false;
  private queued: IncomingCommand[] = [];

  constructor(
    private readonly socket: net.Socket,
    private readonly server: EmbeddedServer,
    readonly id: number,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.close());
  }

  private onData(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    // A large message arrives in many chunks: join them once it is complete, not on every chunk.
    if (this.pendingBytes < this.expectedBytes()) return;
    let buf = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    try {
      for (let length = completeMessageLength(buf, MAX_MESSAGE_SIZE_BYTES); length > 0; length = completeMessageLength(buf, MAX_MESSAGE_SIZE_BYTES)) {
        this.handle(parseMessage(buf.subarray(0, length)));
        buf = buf.subarray(length);
      }
    } catch (err) {
      this.server.log(`closing connection ${this.id}: ${(err as Error).message}`);
      this.socket.destroy();
      return;
    }
    this.pending = buf.length > 0 ? [buf] : [];
    this.pendingBytes = buf.length;
  }

  /** Length of the message being received, once its first four bytes are in. */
  private expectedBytes(): number {
    const first = this.pending[0];
    if (first.length >= 4) return first.readInt32LE(0);
    return this.pendingBytes >= 4 ? Buffer.concat(this.pending).readInt32LE(0) : 4;
  }

  private handle(message: IncomingCommand): void {
    if (this.waiting) {
      this.queued.push(message);
      return;
    }
    let reply: Document;
    try {
      reply = this.server.execute(message.body, this.id, true);
    } catch (err) {
      if (!(err instanceof WaitForTransaction)) throw err;
      this.wait(err.txn, message);
      return;
    }
    this.answer(message, reply);
  }

  private answer(message: IncomingCommand, reply: Document): void {
    if (message.moreToCome) return;
    const awaitMs = Number(message.body.maxAwaitTimeMS);
    const awaitable = (message.body.hello !== undefined || message.body.isMaster !== undefined || message.body.ismaster !== undefined) &&
      message.body.topologyVersion !== undefined && awaitMs > 0;
    if (awaitable) {
      // Nothing about a single-member set ever changes, so an awaitable hello just waits out its
      // timeout; in exhaust mode the answers keep coming at that pace until the client hangs up.
      this.later(awaitMs, () => this.streamHello(message, message.header.requestId, awaitMs));
      return;
    }
    this.send(message, reply, message.header.requestId, false);
  }

  /**
   * Holds this connection's messages until `txn` ends, then runs `message` again from the start (it may wait again), or
   * answers MaxTimeMSExpired when the command's maxTimeMS passes first, as mongod does.
   */
  private wait(txn: Transaction, message: IncomingCommand): void {
    this.waiting = true;
    let settled = false;
    let deadline: NodeJS.Timeout | undefined;
    const resume = (timedOut: boolean) => {
      if (settled || this.socket.destroyed) return;
      settled = true;
      if (deadline) this.cancel(deadline);
      this.waiting = false;
      if (timedOut) this.answer(message, this.server.failed(new CommandError('MaxTimeMSExpired', 'operation exceeded time limit')));
      else this.handle(message);
      while (!this.waiting && this.queued.length > 0) this.handle(this.queued.shift()!);
    };
    const maxTimeMs = Number(message.body.maxTimeMS);
    if (maxTimeMs > 0) deadline = this.later(maxTimeMs, () => resume(true));
    // After the commit or abort has been answered, not in the middle of it.
    txn.whenEnded(() => setImmediate(() => resume(false)));
  }

  private streamHello(message: IncomingCommand, responseTo: number, awaitMs: number): void {
    const reply = this.server.execute(message.body, this.id);
    const requestId = this.send(message, reply, responseTo, message.exhaustAllowed);
    if (message.exhaustAllowed) this.later(awaitMs, () => this.streamHello(message, requestId, awaitMs));
  }

  private send(message: IncomingCommand, reply: Document, responseTo: number, moreToCome: boolean): number {
    if (this.socket.destroyed) return 0;
    const requestId = this.server.nextRequestId();
    const { bytes, release } = this.server.encode(reply, requestId, responseTo, message.legacy, moreToCome);
    this.socket.write(bytes, release);
    return requestId;
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.socket.destroy();
    this.server.forget(this);
  }
}

export class EmbeddedServer {
  readonly engine: Engine;
  private readonly net: net.Server;
  private unix?: { server: net.Server; path: string; atExit: () => void };
  private readonly connections = new Set<Connection>();
  private identity!: ServerIdentity;
  /** Where replies are encoded, shared by every connection: commands run one at a time. */
  private readonly replies = new ReplyBuffers(MAX_REPLY_BYTES);
  private connectionCounter = 0;
  private requestCounter = 0;
  private maintenanceScheduled = false;
  private stopped = false;
  /** Time spent running commands since maintenance last ran: what the next slice of maintenance may take. */
  private busyMs = 0;
  /** Aborts expired transactions even when their clients have gone quiet. */
  private reaper?: NodeJS.Timeout;
  /** Starts the TTL monitor's passes. */
  private expiryTimer?: NodeJS.Timeout;
  private expiring = false;

  constructor(private readonly options: ServerOptions) {
    this.engine = new Engine(options);
    this.net = net.createServer((socket) => this.accept(socket));
  }

  private accept(socket: net.Socket): void {
    const connection = new Connection(socket, this, ++this.connectionCounter);
    this.connections.add(connection);
  }

  /** The Unix domain socket's path, once listening on one. */
  get socketPath(): string | undefined {
    return this.unix?.path;
  }

  private async listenOnSocket(prefix: string, port: number): Promise<void> {
    const socketPath = path.join(prefix, `mongodb-${port}.sock`);
    // The TCP port was free, so a file under its number is left from a server that died: mongod removes it too.
    rmSync(socketPath, { force: true });
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    chmodSync(socketPath, 0o700);
    // A process that ends without stopping its server (a test run's shared engine) leaves no socket file behind.
    const atExit = () => rmSync(socketPath, { force: true });
    process.once('exit', atExit);
    this.unix = { server, path: socketPath, atExit };
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.net.once('error', reject);
      this.net.listen(this.options.port, this.options.host, () => {
        this.net.off('error', reject);
        resolve();
      });
    });
    const port = (this.net.address() as net.AddressInfo).port;
    if (this.options.unixSocketPrefix !== undefined) {
      // TCP still serves every client: a socket that cannot be made (a directory not there or not writable) is said
      // in the log, not a reason to refuse to start.
      await this.listenOnSocket(this.options.unixSocketPrefix, port).catch((err: Error) => this.log(`not listening on a Unix domain socket: ${err.message}`));
    }
    this.reaper = setInterval(() => this.engine.sessions.reap(), Math.max(10, Math.min(1000, this.engine.sessions.lifetimeLimitMs)));
    this.reaper.unref();
    this.engine.onTtlSleepChange = () => this.scheduleExpiry();
    this.scheduleExpiry();
    const advertised = this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
    this.identity = {
      address: `${advertised}:${port}`,
      setName: this.options.setName ?? 'embedded',
      processId: new ObjectId(),
      electionId: ObjectId.createFromHexString('7fffffff0000000000000001'),
    };
    return port;
  }

  get address(): string {
    return this.identity.address;
  }

  log(message: string): void {
    this.options.log?.(message);
  }

  /** A reply's bytes as sent (OP_MSG, or OP_REPLY to a legacy OP_QUERY), and what to call once a socket has taken them. */
  encode(reply: Document, requestId: number, responseTo: number, legacy: boolean, moreToCome = false): { bytes: Buffer; release: () => void } {
    return this.replies.take((into) => encodeReply(into, reply, requestId, responseTo, legacy, moreToCome));
  }

  nextRequestId(): number {
    this.requestCounter = (this.requestCounter + 1) | 0;
    return this.requestCounter;
  }

  /**
   * Runs one command and builds the full reply, errors included. `encoded`: the reply goes straight to `encode`, so
   * its batches may hold stored documents' bytes (see StoredBatch) instead of objects.
   */
  execute(body: Document, connectionId: number, encoded = false): Document {
    const ctx: CommandContext = {
      engine: this.engine,
      server: this.identity,
      connectionId,
      db: typeof body.$db === 'string' ? body.$db : 'admin',
      body,
      encoded,
    };
    let reply: Document;
    const started = performance.now();
    try {
      reply = runCommand(ctx);
    } catch (err) {
      if (err instanceof WaitForTransaction) throw err;
      const error = asCommandError(err);
      if (error !== err) this.log(`command ${Object.keys(body)[0]} failed unexpectedly: ${(err as Error)?.stack ?? String(err)}`);
      reply = error.toReply();
    } finally {
      this.busyMs += performance.now() - started;
      if (this.engine.maintenanceDue) this.scheduleMaintenance();
    }
    return this.withClusterTime(reply);
  }

  /** The reply of a command that failed without running. */
  failed(error: CommandError): Document {
    return this.withClusterTime(error.toReply());
  }

  private withClusterTime(reply: Document): Document {
    const time = clusterTimeFields({ engine: this.engine });
    reply.$clusterTime = time.$clusterTime;
    reply.operationTime = time.operationTime;
    return reply;
  }

  /** Maintenance runs a slice at a time after pending I/O, so commands that arrive meanwhile are answered between slices. */
  private scheduleMaintenance(): void {
    if (this.maintenanceScheduled || this.stopped) return;
    this.maintenanceScheduled = true;
    setImmediate(() => {
      this.maintenanceScheduled = false;
      if (this.stopped) return;
      const sliceMs = this.busyMs;
      this.busyMs = 0;
      try {
        this.engine.maintain(sliceMs);
      } catch (err) {
        this.log(`checkpoint failed: ${(err as Error).message}`);
      }
      if (this.engine.maintenanceDue) this.scheduleMaintenance();
    });
  }

  /** The next pass of the TTL monitor, ttlMonitorSleepSecs from now. */
  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    if (this.stopped) return;
    this.expiryTimer = setTimeout(() => {
      this.expirePass();
      this.scheduleExpiry();
    }, this.engine.ttl.sleepSecs * 1000);
    this.expiryTimer.unref();
  }

  /**
   * One pass of the TTL monitor: expired documents are deleted a group at a time, each group after pending I/O, so
   * commands are answered between groups however many documents have expired.
   */
  private expirePass(): void {
    if (this.expiring || this.stopped || !this.engine.ttl.enabled) return;
    this.expiring = true;
    this.engine.ttl.passes++;
    const step = (): void => {
      let more = false;
      try {
        more = !this.stopped && this.engine.expire() === EXPIRY_BATCH;
      } catch (err) {
        this.log(`deleting expired documents failed: ${(err as Error).message}`);
      }
      if (this.engine.maintenanceDue) this.scheduleMaintenance();
      if (more) setImmediate(step);
      else this.expiring = false;
    };
    step();
  }

  forget(connection: Connection): void {
    this.connections.delete(connection);
  }

  async stop(options: { checkpoint?: boolean } = {}): Promise<void> {
    this.stopped = true;
    clearInterval(this.reaper);
    clearTimeout(this.expiryTimer);
    const closed = [this.net, ...(this.unix ? [this.unix.server] : [])].map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
    for (const connection of [...this.connections]) connection.close();
    await Promise.all(closed);
    // Closing the server removes its socket file; this covers a process that closes it some other way.
    if (this.unix) {
      rmSync(this.unix.path, { force: true });
      process.off('exit', this.unix.atExit);
    }
    if (options.checkpoint === false) this.engine.abandon();
    else this.engine.close();
  }
}
