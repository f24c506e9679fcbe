import { expect } from 'chai';
import net from 'node:net';
import { BSON, type Document } from 'bson';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { ReplyBuffers } from '../../src/embedded-mongo/reply-buffers.js';
import { serializeOpMsg } from '../../src/embedded-mongo/wire.js';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

interface Reply {
  responseTo: number;
  opCode: number;
  body: Document;
}

/** A raw client: sends whole messages, and reads replies once asked for that many. */
async function rawClient(server: EmbeddedMongo): Promise<{ socket: net.Socket; replies: (count: number) => Promise<Reply[]> }> {
  const { hostname, port } = new URL(server.uri);
  const socket = net.connect({ host: hostname, port: Number(port) });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.pause();
  const replies = (count: number) =>
    new Promise<Reply[]>((resolve, reject) => {
      const got: Reply[] = [];
      let pending = Buffer.alloc(0);
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
          const message = pending.subarray(0, pending.readInt32LE(0));
          pending = pending.subarray(message.length);
          const opCode = message.readInt32LE(12);
          const bodyAt = opCode === OP_REPLY ? 36 : 21;
          got.push({ responseTo: message.readInt32LE(8), opCode, body: BSON.deserialize(message.subarray(bodyAt)) });
        }
        if (got.length >= count) resolve(got);
      });
      socket.resume();
    });
  return { socket, replies };
}

function opQuery(requestId: number, collection: string, query: Document): Buffer {
  const name = Buffer.from(`${collection}\0`);
  const body = Buffer.from(BSON.serialize(query));
  const message = Buffer.alloc(16 + 4 + name.length + 8 + body.length);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(requestId, 4);
  message.writeInt32LE(0, 8);
  message.writeInt32LE(OP_QUERY, 12);
  name.copy(message, 20);
  message.writeInt32LE(-1, 20 + name.length + 4);
  body.copy(message, 20 + name.length + 8);
  return message;
}

describe('embedded engine: replies on the wire', () => {
  let server: EmbeddedMongo;
  before(async () => {
    server = await startEmbeddedMongo();
  });
  after(async () => {
    await server.stop();
  });

  it('when a legacy OP_QUERY hello arrives, then the answer is an OP_REPLY holding the hello document', async () => {
    const { socket, replies } = await rawClient(server);
    try {
      socket.write(opQuery(7, 'admin.$cmd', { isMaster: 1 }));
      const [reply] = await replies(1);
      expect(reply).to.deep.include({ responseTo: 7, opCode: OP_REPLY });
      expect(reply.body).to.include({ ismaster: true, ok: 1 });
    } finally {
      socket.destroy();
    }
  });

  it('when many large replies queue behind a client that does not read, then each arrives whole, in order, answering its own command', async () => {
    const payload = 'x'.repeat(2_000);
    const documents = Array.from({ length: 300 }, (_, n) => ({ _id: n, n, text: `${payload}${n}` }));
    const { socket, replies } = await rawClient(server);
    try {
      socket.write(serializeOpMsg({ insert: 'replies', documents, $db: 'wire' }, 1, 0));
      expect((await replies(1))[0].body).to.include({ n: 300, ok: 1 });
      socket.pause();
      socket.removeAllListeners('data');
      // About 25 MB of answers: far more than the socket buffers hold, so most wait in the server while later ones are encoded.
      const commands = 400;
      for (let i = 0; i < commands; i++) {
        socket.write(serializeOpMsg({ find: 'replies', filter: { n: { $gte: i % 270 } }, sort: { n: 1 }, limit: 30, singleBatch: true, $db: 'wire' }, 1_000 + i, 0));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const answers = await replies(commands);
      expect(answers).to.have.length(commands);
      answers.forEach((answer, i) => {
        expect(answer).to.deep.include({ responseTo: 1_000 + i, opCode: OP_MSG });
        const batch = answer.body.cursor.firstBatch as Array<{ n: number; text: string }>;
        expect(batch.map((doc) => doc.n)).to.deep.equal(Array.from({ length: 30 }, (_, k) => (i % 270) + k));
        for (const doc of batch) expect(doc.text).to.equal(`${payload}${doc.n}`);
      });
    } finally {
      socket.destroy();
    }
  });
});

describe('embedded engine: reply buffers', () => {
  const encodeBytes = (bytes: Buffer) => (into: Buffer) => {
    bytes.copy(into);
    return bytes.length;
  };

  it('when a small reply is sent, then its bytes come in a slot that is reused only after its release', () => {
    const buffers = new ReplyBuffers(1 << 20);
    const first = buffers.take(encodeBytes(Buffer.from('first reply')));
    const second = buffers.take(encodeBytes(Buffer.from('second')));
    expect(first.bytes.toString()).to.equal('first reply');
    expect(second.bytes.toString()).to.equal('second');
    expect(buffers.freeSlots).to.equal(0);
    first.release();
    expect(buffers.freeSlots).to.equal(1);
    const third = buffers.take(encodeBytes(Buffer.from('third')));
    expect(third.bytes.buffer).to.equal(first.bytes.buffer);
    expect(second.bytes.toString()).to.equal('second');
    expect(buffers.freeSlots).to.equal(0);
  });

  it('when a reply is larger than a slot, then it gets a buffer of its own and no slot is used', () => {
    const buffers = new ReplyBuffers(1 << 20);
    const large = Buffer.alloc(100_000, 7);
    const taken = buffers.take(encodeBytes(large));
    expect(taken.bytes.equals(large)).to.equal(true);
    expect(taken.bytes.length).to.equal(100_000);
    taken.release();
    expect(buffers.freeSlots).to.equal(0);
  });
});
