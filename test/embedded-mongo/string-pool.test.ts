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

/** Every string of up to 64 characters a document holds, in nested documents and arrays too. */
function shortStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.length <= 64) found.push(value);
  } else if (Array.isArray(value)) for (const item of value) shortStrings(item, found);
  else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const field of Object.values(value)) shortStrings(field, found);
  }
  return found;
}

/** How many distinct strings occur at least twice among the documents. */
function repeated(docs: Document[]): number {
  const counts = new Map<string, number>();
  for (const text of docs.flatMap((doc) => shortStrings(doc))) counts.set(text, (counts.get(text) ?? 0) + 1);
  return [...counts.values()].filter((count) => count > 1).length;
}

describe('embedded engine: one copy of each short string', () => {
  it('when documents are shared into the pool, then each reads exactly as before, nested documents, arrays and BSON values included', () => {
    const pool = new StringPool();
    const docs = Array.from({ length: 4 }, (_, i) => awkward(i));
    for (const doc of docs) {
      const before = serialize(doc);
      pool.share(doc);
      expect(Buffer.from(serialize(doc)).equals(Buffer.from(before))).to.equal(true);
      expect(Object.getPrototypeOf(doc)).to.equal(Object.prototype);
    }
    // AB0, active, plan, regulador, w0, w1, the name, the firm and the empty string repeat; AB1, AB2 and long texts do not.
    expect(pool.size).to.equal(9);
    expect(pool.size).to.equal(repeated(docs));
  });

  it('when a string is seen a second time, then it joins the pool, unless its first sighting has left the window', () => {
    const pool = new StringPool({ maxLength: 64, maxEntries: 10, window: 2 });
    for (const doc of [{ a: 'x' }, { b: 'y' }, { c: 'z' }, { d: 'x' }]) pool.share(doc);
    expect(pool.size).to.equal(0);
    pool.share({ e: 'x' });
    expect(pool.size).to.equal(1);
  });

  it('when the pool is full, then it shares what it holds and takes no more', () => {
    const pool = new StringPool({ maxLength: 64, maxEntries: 2, window: 100 });
    const docs = [{ a: 'one', b: 'two' }, { a: 'one', b: 'two', c: 'three' }, { a: 'one', b: 'two', c: ['three'] }];
    for (const doc of docs) pool.share(doc);
    expect(pool.size).to.equal(2);
    expect(docs).to.deep.equal([{ a: 'one', b: 'two' }, { a: 'one', b: 'two', c: 'three' }, { a: 'one', b: 'two', c: ['three'] }]);
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
