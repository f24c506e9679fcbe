import { expect } from 'chai';
import mongoose from 'mongoose';
import { MongoServerError } from 'mongodb';
import { startWithClient, stopAll, type Running } from './support.js';

const ES1 = { locale: 'es', strength: 1 };
const ES2 = { locale: 'es', strength: 2 };
const NAMES = ['Pérez', 'PEREZ', 'perez', 'Peñailillo', 'PEÑAILILLO', 'Penailillo', 'Zúñiga', 'Ñuñoa', 'Nuble'];

describe('embedded engine: collation in queries, sorts and indexes', () => {
  let running: Running;
  const people = () => running.db.collection<{ _id: number; n: string }>('people');
  const ids = (docs: Array<{ _id: number }>) => docs.map((d) => d._id);

  beforeEach(async () => {
    running = await startWithClient();
    await people().insertMany(NAMES.map((n, i) => ({ _id: i + 1, n })));
  });
  afterEach(() => stopAll(running));

  it('when Spanish strength 1 is asked, then case and accents are ignored but ñ stays its own letter', async () => {
    expect(ids(await people().find({ n: 'perez' }, { collation: ES1 }).toArray())).to.deep.equal([1, 2, 3]);
    expect(ids(await people().find({ n: 'peñailillo' }, { collation: ES1 }).toArray())).to.deep.equal([4, 5]);
    expect(ids(await people().find({ n: { $in: ['PENAILILLO'] } }, { collation: ES1 }).toArray())).to.deep.equal([6]);
  });

  it('when strength 2 is asked, then case is ignored but accents count', async () => {
    expect(ids(await people().find({ n: 'PEREZ' }, { collation: ES2 }).toArray())).to.deep.equal([2, 3]);
    expect(await people().countDocuments({ n: 'pérez' }, { collation: ES2 })).to.equal(1);
  });

  it('when no collation is given, then comparison stays binary', async () => {
    expect(ids(await people().find({ n: 'perez' }).toArray())).to.deep.equal([3]);
  });

  it('when sorting under Spanish, then ñ sorts after n and before o, and case or accents do not split names', async () => {
    const sorted = await people().find({}, { collation: ES1, sort: { n: 1, _id: 1 } }).toArray();
    expect(sorted.map((d) => d.n)).to.deep.equal(['Nuble', 'Ñuñoa', 'Penailillo', 'Peñailillo', 'PEÑAILILLO', 'Pérez', 'PEREZ', 'perez', 'Zúñiga']);
  });

  it('when ranges, count, distinct and aggregate run under the collation, then they all follow it', async () => {
    expect(ids(await people().find({ n: { $gte: 'ñ', $lt: 'p' } }, { collation: ES1, sort: { _id: 1 } }).toArray())).to.deep.equal([8]);
    expect(await people().countDocuments({ n: 'PÉREZ' }, { collation: ES1 })).to.equal(3);
    expect(await people().distinct('n', { n: { $in: ['perez', 'nuble'] } }, { collation: ES1 })).to.have.length(2);
    const grouped = await people().aggregate([{ $match: { n: 'perez' } }, { $sort: { _id: -1 } }, { $project: { _id: 1 } }], { collation: ES1 }).toArray();
    expect(ids(grouped as Array<{ _id: number }>)).to.deep.equal([3, 2, 1]);
    expect((await people().updateMany({ n: 'PEREZ' }, { $set: { seen: true } }, { collation: ES1 })).modifiedCount).to.equal(3);
    expect((await people().deleteMany({ n: 'zuÑiga' }, { collation: ES1 })).deletedCount).to.equal(1);
  });

  it('when a unique index has the collation, then names equal under it are duplicates and ñ/n are not', async () => {
    const unique = running.db.collection('unique');
    await unique.createIndex({ n: 1 }, { unique: true, collation: ES1 });
    await unique.insertOne({ n: 'Pérez' });
    const err = await unique.insertOne({ n: 'PEREZ' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(MongoServerError);
    expect((err as MongoServerError).code).to.equal(11000);
    await unique.insertOne({ n: 'Peñailillo' });
    await unique.insertOne({ n: 'Penailillo' });
    expect(await unique.countDocuments()).to.equal(3);
  });

  it('when an index has the query\'s collation, then it is used; with another collation, then it is not', async () => {
    await people().createIndex({ n: 1 }, { collation: ES1, name: 'n_es' });
    const same = await people().find({ n: 'perez' }, { collation: ES1 }).explain();
    expect(same.queryPlanner.winningPlan.inputStage?.indexName).to.equal('n_es');
    expect(ids(await people().find({ n: 'perez' }, { collation: ES1, sort: { _id: 1 } }).toArray())).to.deep.equal([1, 2, 3]);
    const binary = await people().find({ n: 'perez' }).explain();
    expect(binary.queryPlanner.winningPlan.stage).to.equal('COLLSCAN');
    expect(ids(await people().find({ n: 'perez' }).toArray())).to.deep.equal([3]);
  });

  it('when a collection is created with a default collation, then queries and new indexes take it unless told otherwise', async () => {
    await running.db.createCollection('officials', { collation: ES1 });
    const officials = running.db.collection('officials');
    await officials.insertMany([{ n: 'Muñoz' }, { n: 'MUNOZ' }, { n: 'muñoz' }]);
    expect(await officials.countDocuments({ n: 'MUÑOZ' })).to.equal(2);
    expect(await officials.countDocuments({ n: 'MUÑOZ' }, { collation: { locale: 'simple' } })).to.equal(0);
    await officials.createIndex({ n: 1 });
    const index = (await officials.indexes()).find((i) => i.name === 'n_1');
    expect(index?.collation).to.include({ locale: 'es', strength: 1 });
    const info = await running.db.listCollections({ name: 'officials' }).toArray();
    expect((info[0] as unknown as { options: { collation: object } }).options.collation).to.include({ locale: 'es', strength: 1 });
  });

  it('when Mongoose queries with a collation, then it gets the same matches as the driver', async () => {
    const conn = await mongoose.createConnection(`${running.server.uri}test`).asPromise();
    try {
      const Person = conn.model('Person', new mongoose.Schema({ _id: Number, n: String }), 'people');
      const found = await Person.find({ n: 'perez' }).collation(ES1).sort({ _id: 1 }).lean();
      expect(found.map((d) => d._id)).to.deep.equal([1, 2, 3]);
    } finally {
      await conn.close();
    }
  });
});
