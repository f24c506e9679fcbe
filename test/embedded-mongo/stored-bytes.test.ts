import { BSON, Binary, BSONRegExp, BSONSymbol, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID, type Document } from 'bson';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { EmbeddedServer } from '../../src/embedded-mongo/server.js';
import { elementEnd, FieldsLeftOut, StoredBytes } from '../../src/embedded-mongo/stored-bytes.js';

/** Every BSON type, nested ones and names in more than ASCII. */
const everyType = (n: number): Document => ({
  _id: n,
  d: 1.5, i: 7, n: null, t: true, f: false, date: new Date(86_400_000 * n), long: Long.fromNumber(2 ** 40 + n), int: new Int32(3), dbl: new Double(2),
  dec: Decimal128.fromString('1.25'), ts: new Timestamp({ t: 1, i: n }), min: new MinKey(), max: new MaxKey(), oid: new ObjectId(),
  bin: new Binary(Buffer.from([1, 2, 3])), uuid: new UUID(), re: /ab+c/gi, bre: new BSONRegExp('x+', 'i'), code: new Code('return 1'),
  scoped: new Code('return a', { a: 1 }), ref: new DBRef('things', new ObjectId(), 'db'), symbol: new BSONSymbol('s'),
  ñandú: 'Peñailillo €', nested: { a: [1, { b: 'two' }, [3]], empty: {} }, list: [], searchTokens: ['penailillo', 'word'], last: 'end',
});

/** What a `{field: 0, ...}` projection leaves of a document, encoded. */
const withoutFields = (doc: Document, fields: string[]) => BSON.serialize(Object.fromEntries(Object.entries(doc).filter(([name]) => !fields.includes(name))));

describe('embedded engine: stored documents sent from their bytes', () => {
  it('when the elements of a document holding every BSON type are walked, then each ends where the next name begins and the last at the closing zero', () => {
    const doc = everyType(1);
    const bytes = Buffer.from(BSON.serialize(doc));
    const names: string[] = [];
    let at = 4;
    while (bytes[at] !== 0) {
      names.push(bytes.toString('utf8', at + 1, bytes.indexOf(0, at + 1)));
      at = elementEnd(bytes, at);
    }
    expect(names).to.deep.equal(Object.keys(doc));
    expect(at).to.equal(bytes.length - 1);
  });

  const cases: Array<[string, string[]]> = [
    ['the first field', ['_id']],
    ['a middle field and the last', ['searchTokens', 'last']],
    ['a field named with more than ASCII', ['ñandú']],
    ['a field the document does not hold', ['absent']],
    ['every field', Object.keys(everyType(0))],
  ];
  for (const [title, fields] of cases) {
    it(`when ${title} is left out of the bytes, then they are those of the document without it, and their size is said before writing`, () => {
      const doc = everyType(2);
      const leftOut = new FieldsLeftOut(fields);
      const expected = withoutFields(doc, fields);
      const bytes = Buffer.from(BSON.serialize(doc));
      const into = Buffer.alloc(bytes.length + 10, 0xee);
      const end = leftOut.writeTo(bytes, into, 3);
      expect(into.subarray(3, end).equals(expected)).to.equal(true);
      expect(leftOut.size(bytes)).to.equal(expected.length);
      expect(into[2]).to.equal(0xee);
      expect(into[end]).to.equal(0xee);
    });
  }

  it('when a document is asked for twice, then the same stored bytes come back, equal to its encoding; another version gets its own', () => {
    const store = new StoredBytes();
    const doc = everyType(3);
    const first = store.bytesOf(doc);
    expect(first.equals(BSON.serialize(doc))).to.equal(true);
    const again = store.bytesOf(doc);
    expect(again.buffer).to.equal(first.buffer);
    expect(again.byteOffset).to.equal(first.byteOffset);
    const changed = { ...doc, last: 'changed' };
    const other = store.bytesOf(changed);
    expect(other.byteOffset).to.not.equal(first.byteOffset);
    expect(BSON.deserialize(other).last).to.equal('changed');
    expect(BSON.deserialize(store.bytesOf(doc)).last).to.equal('end');
  });

  it('when the budget is full, then every document is let go and kept afresh, each still right', () => {
    const store = new StoredBytes(128 * 1024 * 1024);
    const docs = Array.from({ length: 40 }, (_, n) => ({ _id: n, text: String(n % 10).repeat(4 * 1024 * 1024) }));
    for (const doc of docs) expect(store.bytesOf(doc).equals(BSON.serialize(doc))).to.equal(true);
    // 160 MiB of documents in a budget of 128: the first ones were let go, the last ones are kept.
    expect(store.holds(docs[0])).to.equal(false);
    expect(store.holds(docs[39])).to.equal(true);
    expect(store.heldBytes).to.be.below(128 * 1024 * 1024);
    for (const doc of docs) expect(store.bytesOf(doc).equals(BSON.serialize(doc))).to.equal(true);
  });

  it('when every document is kept ahead of reads, then keeping stops short of the budget and lets none go', () => {
    const store = new StoredBytes(128 * 1024 * 1024);
    const docs = Array.from({ length: 40 }, (_, n) => ({ _id: n, text: String(n % 10).repeat(4 * 1024 * 1024) }));
    const kept = store.keepAll(docs);
    // 4 MiB each in 128 MiB, each kept while 17 MiB (room for the largest document) are left: 28.
    expect(kept).to.equal(28);
    expect(docs.map((doc) => store.holds(doc))).to.deep.equal(docs.map((_, n) => n < 28));
    expect(store.keepAll(docs.slice(0, 28))).to.equal(0);
    expect(store.bytesOf(docs[0]).equals(BSON.serialize(docs[0]))).to.equal(true);
  });

  describe('through the wire', () => {
    let server: EmbeddedServer;
    let client: MongoClient;
    const run = (body: Document) => server.execute({ ...body, $db: 'bytes' }, 1);

    before(async () => {
      server = new EmbeddedServer({ port: 0, host: '127.0.0.1' });
      const port = await server.listen();
      client = await MongoClient.connect(`mongodb://127.0.0.1:${port}/?directConnection=true`);
      run({ insert: 'things', documents: Array.from({ length: 30 }, (_, n) => everyType(n)) });
    });
    after(async () => {
      await client.close();
      await server.stop();
    });

    /** The same find over the wire and in this process (where batches stay objects). */
    async function both(find: Document): Promise<[Document[], Document[]]> {
      const wire = await client.db('bytes').command({ find: 'things', ...find }, { promoteValues: false, promoteLongs: false, bsonRegExp: true });
      const local = run({ find: 'things', ...find });
      expect(wire.cursor.firstBatch).to.have.length(local.cursor.firstBatch.length);
      return [wire.cursor.firstBatch, local.cursor.firstBatch];
    }
    const encoded = (docs: Document[]) => docs.map((doc) => Buffer.from(BSON.serialize(doc)).toString('hex'));

    for (const [title, projection] of [
      ['no projection', undefined],
      ['a projection that leaves fields out', { searchTokens: 0, nested: 0, _id: 0 }],
      ['a projection that keeps fields', { ñandú: 1, long: 1 }],
      ['a projection that computes', { twice: { $multiply: ['$i', 2] }, _id: 0 }],
    ] as const) {
      it(`when a find has ${title}, then every document comes over the wire as this process reads it, twice over`, async () => {
        for (let round = 0; round < 2; round++) {
          const [wire, local] = await both({ filter: { _id: { $gte: 5 } }, sort: { _id: 1 }, projection, batchSize: 10 });
          expect(wire).to.have.length(10);
          expect(encoded(wire)).to.deep.equal(encoded(local));
        }
      });
    }

    it('when finds are answered in this process, then no bytes are kept; over the wire, they are', async () => {
      const store = server.engine.storedBytes;
      run({ insert: 'fresh', documents: [{ _id: 1, text: 'fresh' }] });
      const stored = server.engine.catalog.get('bytes', 'fresh')!.getById(1)!;
      run({ find: 'fresh', filter: {} });
      expect(store.holds(stored)).to.equal(false);
      expect(await client.db('bytes').collection('fresh').find({}).toArray()).to.deep.equal([{ _id: 1, text: 'fresh' }]);
      expect(store.holds(stored)).to.equal(true);
    });

    it('when a cursor is read on with getMore, then the rest come from their bytes too, in order and whole', async () => {
      const found = await client.db('bytes').collection('things').find({}, { projection: { searchTokens: 0 }, batchSize: 7, sort: { _id: -1 } }).toArray();
      expect(found.map((doc) => doc._id)).to.deep.equal(Array.from({ length: 30 }, (_, n) => 29 - n));
      expect(found.every((doc) => doc.searchTokens === undefined && doc.last === 'end')).to.equal(true);
    });

    it('when a document changes after it was sent, then the next find sends the new version', async () => {
      const things = client.db('bytes').collection('things');
      expect((await things.findOne({ _id: 4 as unknown as ObjectId }))?.last).to.equal('end');
      await things.updateOne({ _id: 4 as unknown as ObjectId }, { $set: { last: 'changed' } });
      expect((await things.findOne({ _id: 4 as unknown as ObjectId }))?.last).to.equal('changed');
    });

    it('when documents of 1 MiB are read, then a batch holds as many as fit in 15 MiB, measured exactly, and the rest follow', async () => {
      const big = client.db('bytes').collection<{ _id: number; text: string }>('big');
      await big.insertMany(Array.from({ length: 20 }, (_, n) => ({ _id: n, text: String(n % 10).repeat(1024 * 1024) })));
      const first = await client.db('bytes').command({ find: 'big', sort: { _id: 1 }, batchSize: 100 });
      // 15 MiB holds 14 documents of 1 MiB and their few bytes of framing, not 15.
      expect(first.cursor.firstBatch).to.have.length(14);
      const all = await big.find({}, { sort: { _id: 1 } }).toArray();
      expect(all.map((doc) => doc._id)).to.deep.equal(Array.from({ length: 20 }, (_, n) => n));
      expect(all.every((doc) => doc.text === String(doc._id % 10).repeat(1024 * 1024))).to.equal(true);
    });

    it('when a transaction reads its own write, then it sees it, and the stored version is unchanged for others', async () => {
      const session = client.startSession();
      try {
        session.startTransaction();
        const things = client.db('bytes').collection('things');
        await things.updateOne({ _id: 6 as unknown as ObjectId }, { $set: { last: 'in transaction' } }, { session });
        expect((await things.findOne({ _id: 6 as unknown as ObjectId }, { session }))?.last).to.equal('in transaction');
        expect((await things.findOne({ _id: 6 as unknown as ObjectId }))?.last).to.equal('end');
        await session.abortTransaction();
      } finally {
        await session.endSession();
      }
    });
  });
});
