import { expect } from 'chai';
import { startWithClient, stopAll, type Running } from './support.js';

const schema = {
  $jsonSchema: {
    bsonType: 'object',
    required: ['code'],
    properties: { code: { bsonType: 'string' }, age: { bsonType: ['int', 'double'], minimum: 0 } },
  },
};

describe('embedded engine: collection validators', () => {
  let running: Running;
  before(async () => {
    running = await startWithClient();
  });
  after(() => stopAll(running));

  it('when a document breaks a $jsonSchema validator, then the write fails with 121 and errInfo details', async () => {
    await running.db.createCollection('strict', { validator: schema });
    const err = await running.db.collection('strict').insertOne({ _id: 7 as never, age: 3 }).catch((e) => e);
    expect(err.code).to.equal(121);
    expect(err.errInfo.failingDocumentId).to.equal(7);
    expect(err.errInfo.details.operatorName).to.equal('$jsonSchema');
    expect(err.errInfo.details.schemaRulesNotSatisfied).to.be.an('array').that.is.not.empty;
    await running.db.collection('strict').insertOne({ code: 'ok', age: 3 });
    const upd = await running.db.collection('strict').updateOne({ code: 'ok' }, { $set: { age: -1 } }).catch((e) => e);
    expect(upd.code).to.equal(121);
    expect(await running.db.collection('strict').countDocuments({ age: 3 })).to.equal(1);
  });

  it('when validationAction is warn, then invalid documents are accepted', async () => {
    await running.db.createCollection('warned', { validator: schema, validationAction: 'warn' });
    await running.db.collection('warned').insertOne({ age: 'old' });
    expect(await running.db.collection('warned').countDocuments()).to.equal(1);
  });

  it('when validationLevel is moderate, then already-invalid documents may still be updated but valid ones must stay valid', async () => {
    const coll = running.db.collection('moderate');
    await coll.insertMany([{ _id: 1 as never, note: 'no code' }, { _id: 2 as never, code: 'c' }]);
    await running.db.command({ collMod: 'moderate', validator: schema, validationLevel: 'moderate' });
    await coll.updateOne({ _id: 1 as never }, { $set: { note: 'still no code' } });
    const err = await coll.updateOne({ _id: 2 as never }, { $unset: { code: '' } }).catch((e) => e);
    expect(err.code).to.equal(121);
  });

  it('when a validator uses query operators, then it is evaluated as a query', async () => {
    await running.db.createCollection('queried', { validator: { qty: { $gte: 1 } } });
    expect((await running.db.collection('queried').insertOne({ qty: 0 }).catch((e) => e)).code).to.equal(121);
    await running.db.collection('queried').insertOne({ qty: 1 });
  });

  it('when bypassDocumentValidation is set, then the validator is skipped', async () => {
    await running.db.createCollection('bypassed', { validator: schema });
    await running.db.collection('bypassed').insertOne({ nothing: true }, { bypassDocumentValidation: true });
    expect(await running.db.collection('bypassed').countDocuments()).to.equal(1);
  });

  it('when a schema is malformed, then create fails with the parse error and no collection appears', async () => {
    const err = await running.db.createCollection('broken', { validator: { $jsonSchema: { bsonType: 'nonsense' } } }).catch((e) => e);
    expect(err.code).to.be.oneOf([2, 9, 14]);
    const names = (await running.db.listCollections({ name: 'broken' }).toArray()).map((c) => c.name);
    expect(names).to.deep.equal([]);
  });
});

describe('embedded engine: collection commands', () => {
  let running: Running;
  before(async () => {
    running = await startWithClient();
  });
  after(() => stopAll(running));

  it('when a collection exists, then create fails with NamespaceExists (48)', async () => {
    await running.db.createCollection('once');
    expect((await running.db.createCollection('once').catch((e) => e)).code).to.equal(48);
  });

  it('when listing collections with a filter and nameOnly, then only matching names come back', async () => {
    await running.db.collection('alpha').insertOne({});
    await running.db.collection('beta').insertOne({});
    const names = await running.db.listCollections({ name: { $in: ['alpha', 'gamma'] } }, { nameOnly: true }).toArray();
    expect(names).to.deep.equal([{ name: 'alpha', type: 'collection' }]);
  });

  it('when renaming onto an existing collection, then 48 without dropTarget and success with it; a missing source is 26', async () => {
    await running.db.collection('src').insertOne({ a: 1 });
    await running.db.collection('dst').insertOne({ b: 1 });
    expect((await running.db.renameCollection('src', 'dst').catch((e) => e)).code).to.equal(48);
    await running.db.renameCollection('src', 'dst', { dropTarget: true });
    expect(await running.db.collection('dst').findOne({}, { projection: { _id: 0 } })).to.deep.equal({ a: 1 });
    expect((await running.db.renameCollection('ghost', 'x').catch((e) => e)).code).to.equal(26);
  });

  it('when a collection and a database are dropped, then they are gone', async () => {
    await running.db.collection('gone').insertOne({});
    expect(await running.db.collection('gone').drop()).to.equal(true);
    const other = running.client.db('other');
    await other.collection('c').insertOne({});
    await other.dropDatabase();
    const dbs = (await running.db.admin().listDatabases()).databases.map((d) => d.name);
    expect(dbs).to.not.include('other');
  });

  it('when collMod targets a missing collection, then NamespaceNotFound (26)', async () => {
    const err = await running.db.command({ collMod: 'missing', validator: {} }).catch((e) => e);
    expect(err.code).to.equal(26);
  });
});
