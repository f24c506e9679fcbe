import { expect } from 'chai';
import { ObjectId, type Collection, type Document } from 'mongodb';
import { startWithClient, stopAll, type Running } from './support.js';

describe('embedded engine: lookups by _id and by a unique field', () => {
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

  it('when found by a unique field, then the document comes back and explain names that index', async () => {
    const accounts = running.db.collection('accounts');
    await accounts.createIndex({ email: 1 }, { unique: true });
    await accounts.insertMany([{ _id: 1 as never, email: 'ana@example.org' }, { _id: 2 as never, email: 'bea@example.org' }]);
    expect((await accounts.findOne({ email: 'bea@example.org' }))?._id).to.equal(2);
    expect(await accounts.findOne({ email: 'nobody@example.org' })).to.equal(null);
    const explain = await accounts.find({ email: 'ana@example.org' }).explain('executionStats');
    expect(explain.queryPlanner.winningPlan.inputStage).to.include({ stage: 'IXSCAN', indexName: 'email_1' });
    expect(explain.executionStats.totalDocsExamined).to.equal(1);
  });

  it('when a unique field is looked up after an update and a delete, then the index follows the changes', async () => {
    const handles = running.db.collection('handles');
    await handles.createIndex({ handle: 1 }, { unique: true });
    await handles.insertMany([{ _id: 1 as never, handle: 'old' }, { _id: 2 as never, handle: 'gone' }]);
    await handles.updateOne({ _id: 1 as never }, { $set: { handle: 'new' } });
    await handles.deleteOne({ _id: 2 as never });
    expect(await handles.findOne({ handle: 'old' })).to.equal(null);
    expect((await handles.findOne({ handle: 'new' }))?._id).to.equal(1);
    expect(await handles.findOne({ handle: 'gone' })).to.equal(null);
  });

  it('when the unique index is partial, then documents it leaves out are still found', async () => {
    const codes = running.db.collection('codes');
    await codes.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await codes.insertMany([{ _id: 1 as never, code: 'A', active: false }, { _id: 2 as never, code: 'B', active: true }]);
    expect((await codes.findOne({ code: 'A' }))?._id).to.equal(1);
  });

  it('when a query collation differs from the unique index, then strings still compare by the query collation', async () => {
    const names = running.db.collection('names');
    await names.createIndex({ name: 1 }, { unique: true });
    await names.insertOne({ _id: 1 as never, name: 'Pérez' });
    const found = await names.find({ name: 'PEREZ' }, { collation: { locale: 'es', strength: 1 } }).toArray();
    expect(found.map((d) => d._id)).to.deep.equal([1]);
  });
});
