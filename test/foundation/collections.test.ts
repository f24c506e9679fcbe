import { expect } from 'chai';
import { applyCollections, type CollectionSpec } from '../../src/db/collections.js';
import { schemaRegistry } from '../../src/schemas/registry.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

const DOCUMENT_FAILED_VALIDATION = 121;

async function insertError(t: TestApp, collection: string, document: Record<string, unknown>): Promise<number | undefined> {
  try {
    await t.db.connection.db!.collection(collection).insertOne(document);
    return undefined;
  } catch (error) {
    return (error as { code?: number }).code;
  }
}

describe('collections at start', () => {
  let t: TestApp;
  const schemas = schemaRegistry();
  before(async () => {
    t = await testApp();
  });
  after(() => t?.close());

  it('when the service has started, then a raw driver insert of a document breaking the schema is refused with 121', async () => {
    expect(await insertError(t, 'users', { email: 'no-role@example.test' })).to.equal(DOCUMENT_FAILED_VALIDATION);
    const [users] = await t.db.connection.db!.listCollections({ name: 'users' }).toArray();
    expect((users as { options?: { validator?: unknown } }).options?.validator).to.deep.equal({ $jsonSchema: schemas.mongoValidator('user') });
  });

  it('when a collection exists and its schema changed since the last start, then collMod puts the new validator in place', async () => {
    await applyCollections(t.db, [{ name: 'schema_probe', schema: 'user' }], schemas);
    const asUser = { email: 'probe@example.test', role: 'oversight', institutions: [], disabled: false };
    expect(await insertError(t, 'schema_probe', { ...asUser })).to.equal(undefined);

    await applyCollections(t.db, [{ name: 'schema_probe', schema: 'institution' }], schemas);
    const [probe] = await t.db.connection.db!.listCollections({ name: 'schema_probe' }).toArray();
    expect((probe as { options?: { validator?: unknown } }).options?.validator).to.deep.equal({ $jsonSchema: schemas.mongoValidator('institution') });
    expect(await insertError(t, 'schema_probe', { ...asUser })).to.equal(DOCUMENT_FAILED_VALIDATION);
    // The documents already stored stay: a validator only judges writes.
    expect(await t.db.connection.db!.collection('schema_probe').countDocuments()).to.equal(1);
  });

  it('when a spec lists indexes, then they exist afterwards, and applying again changes nothing', async () => {
    const spec: CollectionSpec = { name: 'index_probe', schema: 'user', indexes: [{ key: { email: 1 }, name: 'email_unique', unique: true }, { key: { role: 1, email: 1 } }] };
    await applyCollections(t.db, [spec], schemas);
    await applyCollections(t.db, [spec], schemas);
    const indexes = await t.db.connection.db!.collection('index_probe').indexes();
    expect(indexes.map((index) => index.key)).to.deep.include.members([{ _id: 1 }, { email: 1 }, { role: 1, email: 1 }]);
    expect(indexes).to.have.length(3);
    expect(indexes.find((index) => index.name === 'email_unique')?.unique).to.equal(true);
  });

  it('when the modules have started, then the indexes they declare exist', async () => {
    const users = await t.db.connection.db!.collection('users').indexes();
    expect(users.find((index) => index.name === 'email_unique')).to.include({ unique: true }).and.to.have.deep.property('key', { email: 1 });
    expect(users.find((index) => index.name === 'role_email')).to.have.deep.property('key', { role: 1, email: 1 });
  });
});
