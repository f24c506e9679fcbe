import { expect } from 'chai';
import { ObjectId, type Collection } from 'mongodb';
import { startWithClient, stopAll, type Running } from './support.js';

describe('embedded engine: CRUD through the official driver', () => {
  let running: Running;
  let people: Collection;
  before(async () => {
    running = await startWithClient();
  });
  after(() => stopAll(running));
  beforeEach(async () => {
    people = running.db.collection('people');
    await people.drop().catch(() => undefined);
    await people.insertMany([
      { _id: 1 as never, name: 'ana', age: 30, tags: ['a', 'b'] },
      { _id: 2 as never, name: 'bo', age: 25, tags: ['b'] },
      { _id: 3 as never, name: 'cy', age: 35, address: { city: 'Santiago' } },
    ]);
  });

  it('when a document has no _id, then an ObjectId is generated and returned; a given _id keeps its type', async () => {
    const result = await people.insertOne({ name: 'dee' });
    expect(result.insertedId).to.be.instanceOf(ObjectId);
    const stored = await people.findOne({ name: 'dee' });
    expect(stored!._id.toHexString()).to.equal(result.insertedId.toHexString());
    const byNumber = await people.findOne({ _id: 2 as never });
    expect(byNumber!.name).to.equal('bo');
  });

  it('when finding with filter, projection, sort, skip and limit, then MongoDB semantics apply', async () => {
    const docs = await people.find({ age: { $gte: 25 } }, { projection: { name: 1, _id: 0 }, sort: { age: -1 }, skip: 1, limit: 1 }).toArray();
    expect(docs).to.deep.equal([{ name: 'ana' }]);
    expect(await people.find({ tags: 'b' }).sort({ _id: 1 }).map((d) => d._id).toArray()).to.deep.equal([1, 2]);
    expect(await people.findOne({ 'address.city': 'Santiago' }, { projection: { _id: 1 } })).to.deep.equal({ _id: 3 });
  });

  it('when more documents match than one batch holds, then getMore returns the rest and the cursor closes', async () => {
    await people.insertMany(Array.from({ length: 250 }, (_, i) => ({ n: i })));
    const seen = await people.find({ n: { $exists: true } }, { batchSize: 40 }).sort({ n: 1 }).map((d) => d.n).toArray();
    expect(seen).to.deep.equal(Array.from({ length: 250 }, (_, i) => i));
  });

  it('when a cursor id is unknown, then getMore fails with CursorNotFound (43)', async () => {
    const err = await running.db.command({ getMore: 424242 as never, collection: 'people' }).catch((e) => e);
    expect(err.code).to.equal(43);
  });

  it('when updating with operators, replacement, pipeline and upsert, then counts and upserted ids are reported', async () => {
    const inc = await people.updateMany({ age: { $lt: 35 } }, { $inc: { age: 1 } });
    expect(inc).to.include({ matchedCount: 2, modifiedCount: 2 });
    const same = await people.updateOne({ _id: 1 as never }, { $set: { name: 'ana' } });
    expect(same).to.include({ matchedCount: 1, modifiedCount: 0 });
    await people.replaceOne({ _id: 2 as never }, { name: 'bob' });
    expect(await people.findOne({ _id: 2 as never })).to.deep.equal({ _id: 2, name: 'bob' });
    await people.updateOne({ _id: 3 as never }, [{ $set: { label: { $concat: ['$name', '!'] } } }]);
    expect((await people.findOne({ _id: 3 as never }))!.label).to.equal('cy!');
    const up = await people.updateOne({ name: 'zed', kind: { $eq: 'x' } }, { $set: { age: 1 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(up.upsertedCount).to.equal(1);
    const created = await people.findOne({ _id: up.upsertedId as never });
    expect(created).to.include({ name: 'zed', kind: 'x', age: 1, created: true });
  });

  it('when arrayFilters select elements, then only those elements change', async () => {
    await people.insertOne({ _id: 9 as never, scores: [1, 5, 9] });
    await people.updateOne({ _id: 9 as never }, { $set: { 'scores.$[big]': 0 } }, { arrayFilters: [{ big: { $gt: 4 } }] });
    expect((await people.findOne({ _id: 9 as never }))!.scores).to.deep.equal([1, 0, 0]);
  });

  it('when an update is malformed, then MongoDB error codes come back (66, 40, 9)', async () => {
    const immutable = await people.updateOne({ _id: 1 as never }, { $set: { _id: 5 } }).catch((e) => e);
    expect(immutable.code).to.equal(66);
    const conflict = await people.updateOne({ _id: 1 as never }, { $set: { age: 1 }, $inc: { age: 1 } }).catch((e) => e);
    expect(conflict.code).to.equal(40);
    const unknown = await running.db.command({ update: 'people', updates: [{ q: {}, u: { $frob: { a: 1 } } }] });
    expect(unknown.writeErrors[0].code).to.equal(9);
  });

  it('when deleting with limit 1 and 0, then one or all matches go', async () => {
    expect((await people.deleteOne({ age: { $gt: 0 } })).deletedCount).to.equal(1);
    expect((await people.deleteMany({ age: { $gt: 0 } })).deletedCount).to.equal(2);
    expect(await people.countDocuments()).to.equal(0);
  });

  it('when findAndModify updates, upserts and removes, then value and lastErrorObject match MongoDB', async () => {
    const after = await people.findOneAndUpdate({ name: 'bo' }, { $set: { age: 99 } }, { returnDocument: 'after', includeResultMetadata: true });
    expect(after.value).to.include({ name: 'bo', age: 99 });
    expect(after.lastErrorObject).to.include({ n: 1, updatedExisting: true });
    const before = await people.findOneAndUpdate({}, { $inc: { age: 1 } }, { sort: { age: 1 }, projection: { age: 1 } });
    expect(before).to.deep.equal({ _id: 1, age: 30 });
    const upserted = await people.findOneAndUpdate({ name: 'new' }, { $set: { age: 1 } }, { upsert: true, returnDocument: 'after', includeResultMetadata: true });
    expect(upserted.lastErrorObject!.upserted).to.exist;
    const removed = await people.findOneAndDelete({ name: 'cy' });
    expect(removed).to.include({ _id: 3 });
    expect(await people.findOne({ _id: 3 as never })).to.equal(null);
  });

  it('when counting and listing distinct values, then the numbers match the data', async () => {
    expect(await people.countDocuments({ age: { $gt: 26 } })).to.equal(2);
    expect(await people.estimatedDocumentCount()).to.equal(3);
    expect((await people.distinct('tags')).sort()).to.deep.equal(['a', 'b']);
  });

  it('when aggregating with $group, $lookup, $facet, $bucket and $sortByCount, then results match MongoDB', async () => {
    await running.db.collection('cities').deleteMany({});
    await running.db.collection('cities').insertOne({ name: 'Santiago', country: 'CL' });
    const grouped = await people.aggregate([{ $unwind: '$tags' }, { $sortByCount: '$tags' }]).toArray();
    expect(grouped).to.deep.equal([{ _id: 'b', count: 2 }, { _id: 'a', count: 1 }]);
    const joined = await people
      .aggregate([{ $match: { _id: 3 } }, { $lookup: { from: 'cities', localField: 'address.city', foreignField: 'name', as: 'city' } }, { $project: { country: { $first: '$city.country' } } }])
      .toArray();
    expect(joined).to.deep.equal([{ _id: 3, country: 'CL' }]);
    const piped = await people
      .aggregate([{ $match: { _id: 3 } }, { $lookup: { from: 'cities', let: { c: '$address.city' }, pipeline: [{ $match: { $expr: { $eq: ['$name', '$$c'] } } }], as: 'city' } }, { $project: { n: { $size: '$city' } } }])
      .toArray();
    expect(piped).to.deep.equal([{ _id: 3, n: 1 }]);
    const [facets] = await people
      .aggregate([{ $facet: { total: [{ $count: 'n' }], buckets: [{ $bucket: { groupBy: '$age', boundaries: [0, 30, 100] } }] } }])
      .toArray();
    expect(facets.total).to.deep.equal([{ n: 3 }]);
    expect(facets.buckets).to.deep.equal([{ _id: 0, count: 1 }, { _id: 30, count: 2 }]);
    const stored = await people.findOne({ _id: 1 as never });
    expect(stored!.tags).to.deep.equal(['a', 'b']);
  });

  it('when a pipeline groups whole documents or writes into what it receives, then the stored documents stay as they were', async () => {
    // Read-only stages run on the stored documents themselves: what they give out may hold those very objects.
    const grouped = await people.aggregate([{ $sort: { _id: 1 } }, { $group: { _id: null, all: { $push: '$$ROOT' }, first: { $first: '$address' } } }]).toArray();
    expect(grouped[0].all.map((d: { _id: number }) => d._id)).to.deep.equal([1, 2, 3]);
    expect(grouped[0].first).to.equal(null);
    // A dotted $set and $unwind write into their input: they run on copies.
    await people.aggregate([{ $set: { 'address.city': 'Lima', 'address.zone': 1 } }, { $unwind: '$tags' }, { $count: 'n' }]).toArray();
    expect(await people.find().sort({ _id: 1 }).toArray()).to.deep.equal([
      { _id: 1, name: 'ana', age: 30, tags: ['a', 'b'] },
      { _id: 2, name: 'bo', age: 25, tags: ['b'] },
      { _id: 3, name: 'cy', age: 35, address: { city: 'Santiago' } },
    ]);
    expect(await people.countDocuments({ age: { $gte: 30 } })).to.equal(2);
  });

  it('when a pipeline only counts (as countDocuments sends), then the count is that of the matching documents', async () => {
    expect(await people.countDocuments()).to.equal(3);
    expect(await people.countDocuments({ tags: 'b' })).to.equal(2);
    expect(await people.countDocuments({ name: 'nobody' })).to.equal(0);
    const counted = await people.aggregate([{ $match: { age: { $gte: 30 } } }, { $group: { _id: null, n: { $sum: 2 }, one: { $sum: 1 } } }]).toArray();
    expect(counted).to.deep.equal([{ _id: null, n: 4, one: 2 }]);
    expect(await people.aggregate([{ $match: { age: 99 } }, { $group: { _id: 1, n: { $sum: 1 } } }]).toArray()).to.deep.equal([]);
    // A sum over a field, or a half, is not a count: the general pipeline answers it.
    expect(await people.aggregate([{ $group: { _id: 'all', ages: { $sum: '$age' }, halves: { $sum: 0.5 } } }]).toArray()).to.deep.equal([{ _id: 'all', ages: 90, halves: 1.5 }]);
  });

  it('when a unique index exists, then a duplicate fails with 11000, the message, keyPattern and keyValue', async () => {
    await people.createIndex({ name: 1 }, { unique: true });
    const err = await people.insertOne({ name: 'ana' }).catch((e) => e);
    expect(err.code).to.equal(11000);
    expect(err.message).to.equal('E11000 duplicate key error collection: test.people index: name_1 dup key: { name: "ana" }');
    expect(err.keyPattern).to.deep.equal({ name: 1 });
    expect(err.keyValue).to.deep.equal({ name: 'ana' });
  });

  it('when a duplicate _id is inserted, then it fails with 11000 on index _id_', async () => {
    const err = await people.insertOne({ _id: 1 as never }).catch((e) => e);
    expect(err.code).to.equal(11000);
    expect(err.message).to.contain('index: _id_ dup key: { _id: 1 }');
  });

  it('when a collection or index would behave differently from MongoDB here, then it is refused with 238 instead of made', async () => {
    const refused = (command: Record<string, unknown>) => running.db.command(command).then(() => null, (e: { code: number; message: string }) => [e.code, e.message]);
    expect(await refused({ create: 'capped', capped: true, size: 4096 })).to.deep.equal([238, "create option 'capped' is not supported by the embedded engine"]);
    expect(await refused({ create: 'expiring', expireAfterSeconds: 60 })).to.deep.equal([238, "create option 'expireAfterSeconds' is not supported by the embedded engine"]);
    expect(await refused({ collMod: 'people', cappedSize: 4096 })).to.deep.equal([238, "collMod option 'cappedSize' is not supported by the embedded engine"]);
    expect(await refused({ createIndexes: 'people', indexes: [{ key: { age: 2 }, name: 'age_2' }] })).to.deep.equal([238, 'index key values other than 1 and -1 are not supported by the embedded engine (field age: 2)']);
    expect((await running.db.listCollections({ name: { $in: ['capped', 'expiring'] } }).toArray()).length).to.equal(0);
    expect((await people.listIndexes().toArray()).map((index) => index.name)).to.deep.equal(['_id_']);
    // capped: false is the ordinary kind, and is made.
    await running.db.command({ create: 'plain', capped: false });
    expect((await running.db.listCollections({ name: 'plain' }).toArray()).length).to.equal(1);
  });

  it('when find asks for index bounds, keys or record ids, which the engine does not keep, then it is refused with 238 instead of ignored', async () => {
    await people.createIndex({ age: 1 });
    const refused = (command: Record<string, unknown>) => running.db.command({ find: 'people', ...command }).then(() => null, (e: { code: number; message: string }) => [e.code, e.message]);
    expect(await refused({ min: { age: 30 }, hint: { age: 1 } })).to.deep.equal([238, "find option 'min' is not supported by the embedded engine"]);
    expect(await refused({ max: { age: 30 }, hint: { age: 1 } })).to.deep.equal([238, "find option 'max' is not supported by the embedded engine"]);
    expect(await refused({ returnKey: true })).to.deep.equal([238, "find option 'returnKey' is not supported by the embedded engine"]);
    expect(await refused({ showRecordId: true })).to.deep.equal([238, "find option 'showRecordId' is not supported by the embedded engine"]);
    expect(await refused({ returnKey: false, showRecordId: false })).to.equal(null);
  });

  it('when a client sends server-side JavaScript ($where, $function, $accumulator), then it is refused with 238, never run', async () => {
    const refused = (run: () => Promise<unknown>) => run().then(() => null, (e: { code: number; message: string }) => [e.code, e.message]);
    expect(await refused(() => people.find({ $where: 'this.age > 1' }).toArray())).to.deep.equal([238, 'server-side JavaScript ($where) is not supported by the embedded engine']);
    expect(await refused(() => people.aggregate([{ $project: { x: { $function: { body: 'function () { return 1 }', args: [], lang: 'js' } } } }]).toArray()))
      .to.deep.equal([238, 'server-side JavaScript ($function) is not supported by the embedded engine']);
    expect(await refused(() => people.aggregate([{ $group: { _id: null, x: { $accumulator: { init: 'function () {}', accumulate: 'function () {}', accumulateArgs: [], merge: 'function () {}', lang: 'js' } } } }]).toArray()))
      .to.deep.equal([238, 'server-side JavaScript ($accumulator) is not supported by the embedded engine']);
  });
});
