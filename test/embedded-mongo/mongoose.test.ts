import { expect } from 'chai';
import mongoose from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';

describe('embedded engine: Mongoose 9', () => {
  let server: EmbeddedMongo;
  let connection: mongoose.Connection;
  const schema = new mongoose.Schema(
    { code: { type: String, required: true, unique: true }, name: String, visits: { type: Number, default: 0 }, tags: [String] },
    { timestamps: true },
  );

  before(async () => {
    server = await startEmbeddedMongo();
    connection = await mongoose.createConnection(server.uri, { dbName: 'registry' }).asPromise();
  });
  after(async () => {
    await connection.close();
    await server.stop();
  });

  it('when a model is created, saved, queried, updated and deleted, then Mongoose sees MongoDB behaviour', async () => {
    const Official = connection.model('Official', schema);
    await Official.init();
    const created = await Official.create({ code: 'AB001', name: 'Ana', tags: ['x'] });
    expect(created._id).to.be.instanceOf(mongoose.Types.ObjectId);
    const found = await Official.findOne({ code: 'AB001' }).lean();
    expect(found).to.include({ code: 'AB001', name: 'Ana', visits: 0 });
    expect(found!.createdAt).to.be.instanceOf(Date);
    const updated = await Official.findOneAndUpdate({ code: 'AB001' }, { $inc: { visits: 2 }, $push: { tags: 'y' } }, { returnDocument: 'after' }).lean();
    expect(updated).to.include({ visits: 2 });
    expect(updated!.tags).to.deep.equal(['x', 'y']);
    const byId = await Official.findById(created._id).lean();
    expect(byId!.code).to.equal('AB001');
    expect(await Official.countDocuments({ visits: { $gte: 2 } })).to.equal(1);
    await Official.deleteOne({ _id: created._id });
    expect(await Official.exists({ code: 'AB001' })).to.equal(null);
  });

  it('when a unique field is repeated, then Mongoose reports the usual duplicate key error', async () => {
    const Official = connection.model('OfficialUnique', schema, 'officials_unique');
    await Official.init();
    await Official.create({ code: 'X1' });
    const err = await Official.create({ code: 'X1' }).catch((e) => e);
    expect(err.code).to.equal(11000);
    expect(err.keyValue).to.deep.equal({ code: 'X1' });
  });

  it('when upserting with defaults through updateOne, then $setOnInsert values land only on insert', async () => {
    const Official = connection.model('OfficialUpsert', schema, 'officials_upsert');
    await Official.updateOne({ code: 'U1' }, { $set: { name: 'first' } }, { upsert: true, setDefaultsOnInsert: true });
    await Official.updateOne({ code: 'U1' }, { $set: { name: 'second' } }, { upsert: true, setDefaultsOnInsert: true });
    const docs = await Official.find({ code: 'U1' }).lean();
    expect(docs).to.have.length(1);
    expect(docs[0]).to.include({ name: 'second', visits: 0 });
  });
});
