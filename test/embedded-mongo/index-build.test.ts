import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Long, type Document } from 'bson';
import { canonicalKey } from '../../src/embedded-mongo/query/bson-order.js';
import { EmbeddedServer } from '../../src/embedded-mongo/server.js';
import { IndexStore, type IndexSpec, type SharedOrders } from '../../src/embedded-mongo/storage/index-store.js';

/**
 * Every entry of an index in tree order: its key, as canonical strings, and the primary key of the document it points to.
 * A missing value is keyed as null, never left undefined, and shows apart from it here.
 */
function entries(index: IndexStore): string[] {
  const out: string[] = [];
  index.tree.forEachPair((key, doc) => {
    out.push(`${key.map((part) => (part === undefined ? 'undefined' : canonicalKey(part))).join('|')} -> ${canonicalKey(doc._id)}`);
  });
  return out;
}

/** Documents meant to reach every branch of key extraction: arrays with repeats, missing fields, nulls, mixed types. */
function awkwardDocuments(count: number): Document[] {
  const words = ['a', 'A', 'b', 'ñ', 'n', 'é', 'e', ''];
  return Array.from({ length: count }, (_, i) => {
    const doc: Document = { _id: i % 3 === 0 ? `s${i}` : i, at: `2024-${String((i * 7) % 12 + 1).padStart(2, '0')}-01`, n: i % 5 };
    // Repeats, and neighbours equal under the folding collation below ('a' and 'A', 'n' and 'ñ', 'e' and 'é').
    if (i % 4 !== 0) doc.words = [words[i % 8], words[(i * 3) % 8], words[i % 8], words[(i + 1) % 8]];
    else if (i % 8 === 0) doc.words = words[i % 8];
    // An empty array is keyed apart from a missing field.
    else if (i % 3 === 0) doc.words = [];
    if (i % 6 === 0) doc.mixed = [1, Long.fromNumber(1), 1.0, 'x', null];
    else if (i % 6 === 1) doc.mixed = null;
    else if (i % 6 === 2) doc.mixed = { k: i % 3 };
    if (i % 10 !== 0) doc.email = `user${i}@example.org`;
    // Dates, many repeated (equal times in distinct objects), some missing.
    if (i % 9 !== 0) doc.when = new Date(Date.UTC(2024, i % 12, 1 + (i % 5)));
    return doc;
  });
}

const SPECS: IndexSpec[] = [
  { v: 2, key: { _id: 1 }, name: '_id_' },
  { v: 2, key: { words: 1, at: -1 }, name: 'words_at' },
  { v: 2, key: { words: 1, at: -1 }, name: 'folded', collation: { locale: 'en', strength: 1 } },
  { v: 2, key: { mixed: 1, n: -1 }, name: 'mixed_n' },
  { v: 2, key: { email: 1 }, name: 'email', unique: true, sparse: true },
  { v: 2, key: { n: 1, at: 1 }, name: 'partial', partialFilterExpression: { n: { $gte: 2 } } },
  { v: 2, key: { n: -1, words: 1 }, name: 'n_words' },
  { v: 2, key: { words: 1 }, name: 'words_only', partialFilterExpression: { n: { $lte: 2 } } },
  { v: 2, key: { when: -1, n: 1 }, name: 'when_n' },
  { v: 2, key: { email: 1, n: -1 }, name: 'unique_email_n', unique: true, partialFilterExpression: { email: { $exists: true } } },
  // Unique, and its second field holds several values: built as an index with arrays anywhere, its uniqueness kept.
  { v: 2, key: { email: 1, words: 1 }, name: 'unique_email_words', unique: true, partialFilterExpression: { email: { $exists: true } } },
];

describe('embedded engine: building an index in bulk', () => {
  const docs = awkwardDocuments(2_000);
  const byKey = new Map(docs.map((doc) => [canonicalKey(doc._id), doc]));

  for (const spec of SPECS) {
    it(`when the ${spec.name} index is built in bulk, then it holds exactly the entries that inserting one document at a time gives it`, () => {
      const oneByOne = new IndexStore(spec);
      for (const [idKey, doc] of byKey) oneByOne.add(doc, idKey);
      const bulk = new IndexStore(spec);
      bulk.build(byKey, 'test.awkward');
      expect(entries(bulk)).to.deep.equal(entries(oneByOne));
      expect(bulk.tree.size).to.be.greaterThan(0);
      expect(bulk.multikeyFields).to.deep.equal(oneByOne.multikeyFields);
      if (spec.unique) {
        for (const [idKey, doc] of byKey) for (const tuple of bulk.tuplesOf(doc)) expect(bulk.ownerOf(tuple)).to.equal(idKey);
      }
    });
  }

  it('when indexes that end in the same fields are built together, then they sort the documents once and each holds the entries single inserts give it', () => {
    const order = { at: -1, _id: -1 };
    // As a register's list indexes: the date and _id alone, then one per filter ending in them, multikey, partial,
    // sparse, and one under a collation (whose order is its own).
    const specs: IndexSpec[] = [
      { v: 2, key: { n: 1, ...order }, name: 'n_at' },
      { v: 2, key: order, name: 'at_id' },
      { v: 2, key: { words: 1, ...order }, name: 'words_at' },
      { v: 2, key: { mixed: 1, ...order }, name: 'mixed_at' },
      { v: 2, key: { n: 1, ...order }, name: 'partial_n_at', partialFilterExpression: { n: { $gte: 2 } } },
      { v: 2, key: { email: 1, ...order }, name: 'sparse_email_at', sparse: true },
      { v: 2, key: { words: 1, ...order }, name: 'folded_words_at', collation: { locale: 'en', strength: 1 } },
    ];
    const orders: SharedOrders = new Map();
    for (const spec of [...specs].sort((a, b) => Object.keys(a.key).length - Object.keys(b.key).length)) {
      const oneByOne = new IndexStore(spec);
      for (const [idKey, doc] of byKey) oneByOne.add(doc, idKey);
      const bulk = new IndexStore(spec);
      bulk.build(byKey, 'test.awkward', orders);
      expect(entries(bulk), spec.name).to.deep.equal(entries(oneByOne));
      expect(bulk.multikeyFields, spec.name).to.deep.equal(oneByOne.multikeyFields);
    }
    // One order by date and _id served all six binary indexes; the collated one sorted its own.
    expect(orders.size).to.equal(2);
  });

  it('when a unique index meets a repeated value, then the bulk build reports the value as MongoDB does and leaves the index empty', () => {
    const clashing = new Map<string, Document>([
      ['n:1', { _id: 1, email: 'a@x' }],
      ['n:2', { _id: 2, email: 'b@x' }],
      ['n:3', { _id: 3, email: 'a@x' }],
    ]);
    const index = new IndexStore({ v: 2, key: { email: 1 }, name: 'email_1', unique: true });
    let error: Error & { code?: number; extra?: Document } = new Error('none');
    try {
      index.build(clashing, 'test.people');
    } catch (err) {
      error = err as typeof error;
    }
    expect(error.code).to.equal(11000);
    expect(error.extra?.keyValue).to.deep.equal({ email: 'a@x' });
    expect(error.message).to.equal('E11000 duplicate key error collection: test.people index: email_1 dup key: { email: "a@x" }');
    expect(index.tree.size).to.equal(0);
    expect(index.ownerOf(['b@x'])).to.equal(undefined);
  });

  it('when a compound unique index meets a repeated pair, then the bulk build reports both values and leaves the index empty', () => {
    const clashing = new Map<string, Document>([
      ['n:1', { _id: 1, email: 'a@x', n: 1 }],
      ['n:2', { _id: 2, email: 'a@x', n: 2 }],
      ['n:3', { _id: 3, email: 'b@x', n: 1 }],
      ['n:4', { _id: 4, email: 'a@x', n: 2 }],
    ]);
    const index = new IndexStore({ v: 2, key: { email: 1, n: -1 }, name: 'email_1_n_-1', unique: true });
    expect(() => index.build(clashing, 'test.people')).to.throw('E11000 duplicate key error collection: test.people index: email_1_n_-1 dup key: { email: "a@x", n: 2 }');
    expect(index.tree.size).to.equal(0);
    expect(index.ownerOf(['a@x', 1])).to.equal(undefined);
  });

  it('when a collection is renamed, then its indexes are rebuilt with every entry and still enforce uniqueness', () => {
    const server = new EmbeddedServer({ port: 0, host: '127.0.0.1' });
    const run = (body: Document) => server.execute({ ...body, $db: 'app' }, 1);
    run({ createIndexes: 'before', indexes: SPECS.slice(1).map(({ v: _v, ...spec }) => spec) });
    expect(run({ insert: 'before', documents: docs }).n).to.equal(docs.length);
    const original = server.engine.catalog.get('app', 'before')!;
    const expected = new Map([...original.indexes].map(([name, index]) => [name, entries(index)]));
    expect(run({ renameCollection: 'app.before', to: 'app.after', $db: 'admin' }).ok).to.equal(1);
    const renamed = server.engine.catalog.get('app', 'after')!;
    for (const [name, index] of renamed.indexes) expect(entries(index), name).to.deep.equal(expected.get(name));
    expect(run({ insert: 'after', documents: [{ _id: 'new', email: 'user1@example.org' }] }).writeErrors[0].code).to.equal(11000);
  });

  it('when a data directory is reopened, then every index holds the entries it held, for the checkpoint and the journal after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-'));
    try {
      const first = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      const run = (server: EmbeddedServer, body: Document) => server.execute({ ...body, $db: 'app' }, 1);
      run(first, { createIndexes: 'awkward', indexes: SPECS.slice(1).map(({ v: _v, ...spec }) => spec) });
      run(first, { insert: 'awkward', documents: docs.slice(0, 1_500) });
      first.engine.close();

      // Reopened, then written to and left as a crash leaves it: these changes are in the journal only.
      const second = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      run(second, { insert: 'awkward', documents: docs.slice(1_500) });
      run(second, { update: 'awkward', updates: [{ q: { n: 3 }, u: { $set: { words: ['z', 'z', 'y'] } }, multi: true }] });
      run(second, { delete: 'awkward', deletes: [{ q: { n: 4 }, limit: 0 }] });
      run(second, { createIndexes: 'awkward', indexes: [{ key: { 'mixed.k': 1 }, name: 'late' }] });
      const collection = second.engine.catalog.get('app', 'awkward')!;
      const expected = new Map([...collection.indexes].map(([name, index]) => [name, entries(index)]));
      second.engine.abandon();

      const third = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      try {
        const reopened = third.engine.catalog.get('app', 'awkward')!;
        expect([...reopened.indexes.keys()]).to.deep.equal([...expected.keys()]);
        for (const [name, index] of reopened.indexes) expect(entries(index), name).to.deep.equal(expected.get(name));
        expect(run(third, { insert: 'awkward', documents: [{ _id: 'again', email: 'user1@example.org' }] }).writeErrors[0].code).to.equal(11000);
      } finally {
        third.engine.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a collection of a data directory is emptied by its journal, then reopening it leaves its indexes empty too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-'));
    try {
      const first = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      first.execute({ createIndexes: 'gone', indexes: [{ key: { email: 1 }, name: 'email_1', unique: true }], $db: 'app' }, 1);
      first.execute({ insert: 'gone', documents: [{ _id: 1, email: 'a@x' }], $db: 'app' }, 1);
      first.execute({ delete: 'gone', deletes: [{ q: {}, limit: 0 }], $db: 'app' }, 1);
      first.engine.abandon();
      const second = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      try {
        const collection = second.engine.catalog.get('app', 'gone')!;
        expect([...collection.indexes.values()].map((index) => index.tree.size)).to.deep.equal([0, 0]);
        expect(second.execute({ insert: 'gone', documents: [{ _id: 2, email: 'a@x' }], $db: 'app' }, 1).n).to.equal(1);
      } finally {
        second.engine.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
