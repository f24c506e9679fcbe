// The fastest a server can answer the official driver on this machine: a raw socket that decodes
// each OP_MSG and answers from canned replies, with no storage, planner or sessions behind it.
// Its figures are the ceiling the engine's figures should be read against. Like the engine, and
// like any replica set member, it sends $clusterTime, which the driver then gossips back.
import net from 'node:net';
import { Binary, Long, ObjectId, Timestamp, type Document } from 'bson';
import { completeMessageLength, parseMessage, serializeOpMsg } from '../../src/embedded-mongo/wire.js';

export interface Baseline {
  uri: string;
  stop(): Promise<void>;
}

/** Answers hello as a one-member replica set primary (as the engine does), find with one document, anything else ok. */
function answer(body: Document, address: string, processId: ObjectId): Document {
  return { ...reply(body, address, processId), $clusterTime: { clusterTime: new Timestamp({ t: 1, i: 1 }), signature: { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.fromNumber(0) } } };
}

function reply(body: Document, address: string, processId: ObjectId): Document {
  const operationTime = new Timestamp({ t: 1, i: 1 });
  if (body.hello !== undefined || body.isMaster !== undefined || body.ismaster !== undefined) {
    return {
      isWritablePrimary: true,
      ismaster: true,
      topologyVersion: { processId, counter: Long.fromNumber(0) },
      hosts: [address],
      setName: 'baseline',
      setVersion: 1,
      primary: address,
      me: address,
      electionId: ObjectId.createFromHexString('7fffffff0000000000000001'),
      maxBsonObjectSize: 16 * 1024 * 1024,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      minWireVersion: 0,
      maxWireVersion: 21,
      ok: 1,
    };
  }
  if (typeof body.find === 'string') {
    return { cursor: { firstBatch: [{ _id: 1, email: 'user1@example.org', n: 1, active: true }], id: Long.fromNumber(0), ns: `${String(body.$db)}.${body.find}` }, operationTime, ok: 1 };
  }
  return { operationTime, ok: 1 };
}

export async function startBaseline(): Promise<Baseline> {
  const processId = new ObjectId();
  let address = '';
  let requestId = 0;
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (let length = completeMessageLength(pending, 48_000_000); length > 0; length = completeMessageLength(pending, 48_000_000)) {
        const message = parseMessage(pending.subarray(0, length));
        pending = pending.subarray(length);
        const awaitable = message.body.topologyVersion !== undefined && Number(message.body.maxAwaitTimeMS) > 0;
        // Streaming hello is left unanswered: the driver falls back to its polling interval.
        if (message.moreToCome || awaitable) continue;
        socket.write(serializeOpMsg(answer(message.body, address, processId), ++requestId, message.header.requestId));
      }
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    uri: `mongodb://${address}/`,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
