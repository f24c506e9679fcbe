import { expect } from 'chai';
import type { CollationOptions, Collection, Document } from 'mongodb';
import { startWithClient, stopAll, type Running } from './support.js';

function winningStages(explain: Document): string[] {
  const stages: string[] = [];
  for (let stage = explain.queryPlanner.winningPlan; stage; stage = stage.inputStage) stages.push(stage.stage);
  return stages;
}

/** A document with a number for `_id`. */
type Keyed = { _id: number } & Record<string, unknown>;

describe('embedded engine: indexes and query planning', () => {
  let running: Running;
  let items: Collection;
  before(async () => {
    running = await startWithClient();
    items = running.db.collection('items');
    await items.insertMany(
      Array.from({ length: 500 }, (_, i) => ({ _id: i as never, sku: `s${i}`, price: i % 50, cat: ['a', 'b', 'c'][i % 3], tags: [`t${i % 7}`, 'all'], at: new Date(2024, 0, 1 + (i % 300)) })),
    );
    await items.createIndexes([
      { key: { sku: 1 }, unique: true },
      { key: { price: -1 } },
      { key: { cat: 1, price: 1 } },
      { key: { tags: 1 } },
      { key: { at: 1 } },
    ]);
  });
  after(() => stopAll(running));

  it('when filtering by equality, $in and ranges on indexed fields, then IXSCAN is used and results are right', async () => {
    expect(winningStages(await items.find({ sku: 's42' }).explain())).to.deep.equal(['FETCH', 'IXSCAN']);
    expect((await items.find({ sku: { $in: ['s1', 's2', 'nope'] } }).toArray()).map((d) => d._id)).to.have.members([1, 2]);
    const ranged = await items.find({ price: { $gt: 10, $lte: 12 } }).toArray();
    expect(ranged).to.have.length(20);
    expect(winningStages(await items.find({ price: { $gt: 10, $lte: 12 } }).explain())).to.deep.equal(['FETCH', 'IXSCAN']);
    const dates = await items.countDocuments({ at: { $gte: new Date(2024, 0, 1), $lt: new Date(2024, 0, 3) } });
    expect(dates).to.equal(4);
  });

  it('when filtering on a field without an index, then the plan is COLLSCAN', async () => {
    expect(winningStages(await items.find({ nothing: 1 }).explain())).to.deep.equal(['COLLSCAN']);
  });

  it('when sorting on an indexed field in either direction, then the index gives the order with no SORT stage', async () => {
    const asc = await items.find({}).sort({ price: 1 }).limit(3).explain();
    expect(winningStages(asc)).to.deep.equal(['FETCH', 'IXSCAN']);
    const desc = await items.find({ price: { $lt: 5 } }).sort({ price: -1, }).limit(5).toArray();
    expect(desc.map((d) => d.price)).to.deep.equal([4, 4, 4, 4, 4]);
    expect(winningStages(await items.find({ cat: 'a' }).sort({ price: -1 }).explain())).to.deep.equal(['FETCH', 'IXSCAN']);
    const compound = await items.find({ cat: 'b', price: { $gte: 48 } }).sort({ price: -1 }).toArray();
    expect(compound.map((d) => d.price)).to.deep.equal(compound.map((d) => d.price).sort((x, y) => y - x));
    expect(compound.every((d) => d.cat === 'b' && d.price >= 48)).to.equal(true);
  });

  it('when a limited indexed sort runs, then it stops after skip+limit documents instead of reading all', async () => {
    const explain = await running.db.command({ explain: { find: 'items', filter: {}, sort: { price: 1 }, skip: 2, limit: 3 } });
    expect(explain.executionStats.totalDocsExamined).to.equal(5);
  });

  it('when a field holds arrays, then the multikey index finds each element once per document', async () => {
    const docs = await items.find({ tags: { $in: ['t1', 'all'] } }).toArray();
    expect(docs).to.have.length(500);
    expect(winningStages(await items.find({ tags: 't3' }).explain())).to.deep.equal(['FETCH', 'IXSCAN']);
  });

  it('when a scan could meet a document through several of its array values, then it still returns it once', async () => {
    const notes = running.db.collection('notes');
    await notes.insertMany([
      { _id: 1 as never, owner: 'x', words: ['b', 'a', 'b', 'c'], at: 3 },
      { _id: 2 as never, owner: 'x', words: ['c'], at: 2 },
      { _id: 3 as never, owner: 'y', words: ['a', 'A'], at: 1 },
    ]);
    await notes.createIndex({ owner: 1, words: 1, at: -1 });
    await notes.createIndex({ words: 1, at: -1 }, { name: 'folded', collation: { locale: 'en', strength: 2 } });
    const ids = async (filter: Document, collation?: CollationOptions) =>
      (await notes.find(filter, { hint: collation ? 'folded' : 'owner_1_words_1_at_-1', collation }).toArray()).map((d) => d._id);
    // A range over the array field, with the field before it pinned: document 1 has three values in it.
    expect(await ids({ owner: 'x', words: { $gte: 'a' } })).to.have.members([1, 2]).and.to.have.length(2);
    // One word pinned under binary order: a repeated value gives one entry.
    expect(await ids({ owner: 'x', words: 'b' })).to.deep.equal([1]);
    // One word pinned under a case-insensitive collation: 'a' and 'A' are two entries that both match.
    expect(await ids({ words: 'a' }, { locale: 'en', strength: 2 })).to.have.members([1, 3]).and.to.have.length(2);
  });

  it('when equalities pin only the leading fields of a compound index, then the indexed find answers exactly what a scan would', async () => {
    const docs: Keyed[] = [
      { _id: 1, who: 'ana', at: 3, extra: 1 },
      { _id: 2, who: 'ana', at: 1 },
      { _id: 3, who: 'ANA', at: 2 },
      { _id: 4, who: ['ana', 'bo'], at: 5 },
      { _id: 5, who: ['bo', 'bo'], at: 4 },
      { _id: 6, who: 7, at: 1 },
      { _id: 7, who: 7.0, at: 2 },
      { _id: 8, at: 9 },
      { _id: 9, who: { name: 'ana' }, at: 1 },
      { _id: 10, who: null, at: 2 },
      // Several values in a later field: two entries under 'ana', one document.
      { _id: 11, who: 'ana', at: [0, 6] },
    ];
    const indexed = running.db.collection<Keyed>('leading_indexed');
    const plain = running.db.collection<Keyed>('leading_plain');
    await indexed.insertMany(docs);
    await plain.insertMany(docs);
    await indexed.createIndex({ who: 1, at: -1, _id: -1 });
    for (const filter of [{ who: 'ana' }, { who: 'bo' }, { who: 7 }, { who: 'ANA' }, { who: 'nobody' }, { who: 'ana', at: 3 }, { who: 'ana', at: 6 }, { at: 6, who: 'ana' }, { who: 'ana', extra: 1 }]) {
      const sort = { at: -1, _id: -1 } as const;
      const explained = await indexed.find(filter).sort(sort).explain('queryPlanner');
      expect(winningStages(explained), JSON.stringify(filter)).to.include('IXSCAN');
      expect(await indexed.find(filter).sort(sort).toArray(), JSON.stringify(filter)).to.deep.equal(await plain.find(filter).sort(sort).toArray());
    }
  });

  it('when a sort has no index, then documents are sorted in memory with MongoDB type order', async () => {
    const mixed = running.db.collection('mixed');
    await mixed.insertMany([{ v: 'x' }, { v: 2 }, { v: null }, { v: { a: 1 } }, { v: [0, 5] }, { v: true }, { v: new Date(0) }, {}]);
    const order = (await mixed.find({}, { projection: { _id: 0 } }).sort({ v: 1 }).toArray()).map((d) => d.v);
    // null and missing sort together first; the array sorts by its smallest element (0).
    expect(order.slice(0, 2)).to.have.members([null, undefined]);
    expect(order.slice(2)).to.deep.equal([[0, 5], 2, 'x', { a: 1 }, true, new Date(0)]);
  });

  it('when sparse and partial unique indexes exist, then documents outside them do not collide', async () => {
    const users = running.db.collection('users');
    await users.createIndex({ nick: 1 }, { unique: true, sparse: true });
    await users.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await users.insertMany([{ a: 1 }, { a: 2 }, { email: 'x', active: false }, { email: 'x', active: false }, { email: 'x', active: true }]);
    const err = await users.insertOne({ email: 'x', active: true }).catch((e) => e);
    expect(err.code).to.equal(11000);
    expect(await users.countDocuments({ nick: null })).to.equal(5);
  });

  it('when a unique index is built over existing duplicates, then createIndexes fails with 11000 and no index remains', async () => {
    const dups = running.db.collection('dups');
    await dups.insertMany([{ k: 1 }, { k: 1 }]);
    const err = await dups.createIndex({ k: 1 }, { unique: true }).catch((e) => e);
    expect(err.code).to.equal(11000);
    expect((await dups.indexes()).map((i) => i.name)).to.deep.equal(['_id_']);
  });

  it('when index definitions conflict, then 85 and 86 come back as on MongoDB', async () => {
    const c = running.db.collection('conflicts');
    await c.createIndex({ a: 1 }, { name: 'first' });
    expect((await c.createIndex({ a: 1 }, { name: 'second' }).catch((e) => e)).code).to.equal(85);
    expect((await c.createIndex({ b: 1 }, { name: 'first' }).catch((e) => e)).code).to.equal(86);
    expect(await c.createIndex({ a: 1 }, { name: 'first' })).to.equal('first');
  });

  it('when indexes are listed and dropped, then listIndexes reflects it and _id_ cannot be dropped', async () => {
    const c = running.db.collection('dropping');
    await c.createIndex({ a: 1 });
    await c.createIndex({ b: -1 });
    await c.dropIndex('a_1');
    expect((await c.indexes()).map((i) => i.name)).to.deep.equal(['_id_', 'b_-1']);
    expect((await c.dropIndex('_id_').catch((e) => e)).code).to.equal(72);
    expect((await c.dropIndex('nope').catch((e) => e)).code).to.equal(27);
    await c.dropIndexes();
    expect((await c.indexes()).map((i) => i.name)).to.deep.equal(['_id_']);
  });

  it('when a unique update or bulk write collides, then writeErrors carry index, code, keyPattern and keyValue; ordered stops, unordered goes on', async () => {
    const c = running.db.collection('bulk');
    await c.createIndex({ u: 1 }, { unique: true });
    const ordered = await c.insertMany([{ u: 1 }, { u: 1 }, { u: 2 }]).catch((e) => e);
    expect(ordered.code).to.equal(11000);
    expect(ordered.writeErrors.map((e: { index: number }) => e.index)).to.deep.equal([1]);
    expect(await c.countDocuments()).to.equal(1);
    const raw = await running.db.command({ insert: 'bulk', documents: [{ u: 9 }, { u: 1 }] });
    expect(raw.n).to.equal(1);
    expect(raw.writeErrors[0]).to.include({ index: 1, code: 11000 });
    expect(raw.writeErrors[0].keyPattern).to.deep.equal({ u: 1 });
    expect(raw.writeErrors[0].keyValue).to.deep.equal({ u: 1 });
    await c.deleteOne({ u: 9 });
    const unordered = await c.insertMany([{ u: 1 }, { u: 3 }, { u: 3 }, { u: 4 }], { ordered: false }).catch((e) => e);
    expect(unordered.writeErrors.map((e: { index: number }) => e.index)).to.deep.equal([0, 2]);
    expect(await c.countDocuments()).to.equal(3);
    const upd = await c.updateOne({ u: 4 }, { $set: { u: 3 } }).catch((e) => e);
    expect(upd.code).to.equal(11000);
    expect(await c.countDocuments({ u: 4 })).to.equal(1);
  });
});
