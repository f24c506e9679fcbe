import { expect } from 'chai';
import { ObjectId, type Collection, type Document } from 'mongodb';
import { startWithClient, stopAll, type Running } from './support.js';

describe('embedded engine: lookups by _id', () => {
  let running: Running;
  let people: Collection<Document>;
  const oid = new ObjectId('65a1b2c3d4e5f60718293a4b');
  before(async () => {
    running = await startWithClient();
    people = running.db.collection('people');
    await people.insertMany([{ _id: 1 as never, name: 'Ana' }, { _id: 'Pérez' as never, name: 'P' }, { _id: oid, name: 'O' }, { _id: new Date(0) as never, name: 'D' }]);
  });
  after(() => stopAll(running));

  it('when found by _id, then each kind of key returns its document and a missing key returns null', async () => {
    expect((await people.findOne({ _id: 1 as never }))?.name).to.equal('Ana');
    expect((await people.findOne({ _id: 1.0 as never }))?.name).to.equal('Ana');
    expect((await people.findOne({ _id: new ObjectId(oid.toHexString()) }))?.name).to.equal('O');
    expect((await people.findOne({ _id: new Date(0) as never }))?.name).to.equal('D');
    expect(await people.findOne({ _id: 2 as never })).to.equal(null);
  });

  it('when a _id lookup is explained, then it is an IXSCAN of _id_ examining one document', async () => {
    const explain = await people.find({ _id: 1 as never }).explain('executionStats');
    expect(explain.queryPlanner.winningPlan.inputStage).to.include({ stage: 'IXSCAN', indexName: '_id_' });
    expect(explain.executionStats.totalDocsExamined).to.equal(1);
  });

  it('when a string _id is looked up under a case-insensitive collation, then the collation still applies', async () => {
    const found = await people.find({ _id: 'PEREZ' as never }, { collation: { locale: 'es', strength: 1 } }).toArray();
    expect(found.map((d) => d.name)).to.deep.equal(['P']);
  });

  it('when a _id lookup runs inside a transaction, then it sees the transaction own insert and not the deleted document', async () => {
    const session = running.client.startSession();
    try {
      session.startTransaction();
      await people.insertOne({ _id: 7 as never, name: 'new' }, { session });
      await people.deleteOne({ _id: 1 as never }, { session });
      expect((await people.findOne({ _id: 7 as never }, { session }))?.name).to.equal('new');
      expect(await people.findOne({ _id: 1 as never }, { session })).to.equal(null);
      expect(await people.findOne({ _id: 7 as never })).to.equal(null);
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
  });
});
