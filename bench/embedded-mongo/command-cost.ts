// The engine's own work per findOne, without sockets or driver: decode the OP_MSG the driver
// sends (lsid and $clusterTime included), run it, encode the reply as the server does.
import { Binary, Long, UUID } from 'bson';
import { EmbeddedServer } from '../../src/embedded-mongo/server.js';
import { parseMessage, serializeOpMsg } from '../../src/embedded-mongo/wire.js';

const DOCS = 10_000;
const REPEATS = 20;

/** Microseconds per findOne by _id, median of five passes over DOCS distinct messages. */
export async function commandCostMicros(): Promise<number> {
  const server = new EmbeddedServer({ port: 0, host: '127.0.0.1' });
  await server.listen();
  try {
    server.execute({ insert: 'small', documents: Array.from({ length: DOCS }, (_, i) => ({ _id: i, email: `user${i}@example.org`, n: i })), $db: 'bench' }, 1);
    const lsid = { id: new UUID() };
    const signature = { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.fromNumber(0) };
    const messages = Array.from({ length: 1_000 }, (_, i) =>
      serializeOpMsg({ find: 'small', filter: { _id: (i * 7919) % DOCS }, limit: 1, singleBatch: true, batchSize: 1, lsid, $clusterTime: { clusterTime: server.engine.operationTime(), signature }, $db: 'bench' }, i, 0),
    );
    const passes: number[] = [];
    for (let pass = 0; pass < 5; pass++) {
      const start = process.hrtime.bigint();
      for (let r = 0; r < REPEATS; r++) {
        for (const bytes of messages) {
          const message = parseMessage(bytes);
          server.encode(server.execute(message.body, 1), 1, message.header.requestId, false).release();
        }
      }
      passes.push(Number(process.hrtime.bigint() - start) / 1e3 / (REPEATS * messages.length));
    }
    return passes.sort((a, b) => a - b)[2];
  } finally {
    await server.stop();
  }
}
