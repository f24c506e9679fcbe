import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Binary, deserialize, Long, ObjectId, serialize, type Document } from 'bson';
import { EmbeddedServer } from '../../src/embedded-mongo/server.js';
import { StringPool } from '../../src/embedded-mongo/storage/string-pool.js';

/** A copy made through BSON, as the engine receives documents. */
const copy = (doc: Document) => deserialize(serialize(doc));

function awkward(i: number): Document {
  const doc: Document = {
    _id: new ObjectId(),
    code: `AB${i % 3}`,
    status: 'active',
    words: ['plan', 'regulador', `w${i % 2}`, ['plan', { deep: 'regulador' }]],
    attendees: [{ name: 'Ana Muñoz', represents: [{ name: 'Minera Los Andes S.A.' }] }],
    long: 'x'.repeat(80) + i,
    when: new Date(Date.UTC(2024, 0, 1 + i)),
    bytes: new Binary(Buffer.from('plan')),
    count: Long.fromNumber(i),
    empty: '',
  };
  Object.defineProperty(doc, '__proto__', { value: 'plan', enumerable: true, writable: true, configurable: true });
  return doc;
}

describe('embedded engine: one copy of each short string', () => {
  it('when documents are shared into the pool, then each reads exactly as before, nested documents, arrays and BSON values included', () => {
    const pool = new StringPool();
    for (let i = 0; i < 4; i++) {
      const doc = awkward(i);
      const before = serialize(doc);
      pool.share(doc);
      expect(Buffer.from(serialize(doc)).equals(Buffer.from(before))).to.equal(true);
      expect(Object.getPrototypeOf(doc)).to.equal(Object.prototype);
    }
    // AB0 AB1 AB2, active, plan, regulador, w0, w1, the name, the firm and the empty string; long texts stay out.
    expect(pool.size).to.equal(11);
  });

  it('when the pool is full, then it shares what it holds and takes no more', () => {
    const pool = new StringPool({ maxLength: 64, maxEntries: 2 });
    const docs = [{ a: 'one', b: 'two' }, { a: 'one', b: 'three', c: ['four'] }];
    for (const doc of docs) pool.share(doc);
    expect(pool.size).to.equal(2);
    expect(docs).to.deep.equal([{ a: 'one', b: 'two' }, { a: 'one', b: 'three', c: ['four'] }]);
  });

  it('when documents are inserted, updated and read back through a data directory, then the collection shares their strings and returns them unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-'));
    try {
      const docs = Array.from({ length: 6 }, (_, i) => awkward(i));
      const expected = docs.map(copy);
      const first = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      const run = (server: EmbeddedServer, body: Document) => server.execute({ ...body, $db: 'app' }, 1);
      expect(run(first, { insert: 'meetings', documents: docs.map(copy) }).n).to.equal(6);
      expect(first.engine.catalog.strings.size).to.equal(11);
      expect(run(first, { update: 'meetings', updates: [{ q: { code: 'AB0' }, u: { $set: { status: 'withdrawn' } }, multi: true }] }).nModified).to.equal(2);
      for (const doc of expected) if (doc.code === 'AB0') doc.status = 'withdrawn';
      expect(first.engine.catalog.strings.size).to.equal(12);
      first.engine.close();

      const second = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      try {
        const found = run(second, { find: 'meetings', sort: { when: 1 } }).cursor.firstBatch as Document[];
        expect(found.map((doc) => Buffer.from(serialize(doc)).toString('hex'))).to.deep.equal(expected.map((doc) => Buffer.from(serialize(doc)).toString('hex')));
        expect(second.engine.catalog.strings.size).to.equal(12);
      } finally {
        second.engine.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
