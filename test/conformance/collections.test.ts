import type { Db, Document } from 'mongodb';
import { type AnyDoc, conformance, type Outcome } from './harness.js';

const code = (o: Outcome) => (o as { error: Document }).error.code;
/** Whether a find's winning plan scans an index, however the server nests its stages. */
const usesIndex = async (db: Db, filter: Document) => JSON.stringify((await db.collection<AnyDoc>('c').find(filter).explain('queryPlanner')).queryPlanner.winningPlan).includes('IXSCAN');
const hiddenOf = async (db: Db, name: string) => (await db.collection<AnyDoc>('c').listIndexes().toArray()).find((i) => i.name === name)?.hidden ?? null;

conformance('collections and indexes', [
  { name: 'when a collection is created twice, then the second create fails with NamespaceExists (48)', setup: (db) => db.createCollection('c'), action: (db) => db.command({ create: 'c' }), error: { code: 48, codeName: 'NamespaceExists' }, same: code },
  { name: 'when listCollections runs, then names and types come back', setup: async (db) => { await db.createCollection('b'); await db.createCollection('a'); }, action: async (db) => (await db.listCollections().toArray()).map((c) => [c.name, c.type]).sort(), result: [['a', 'collection'], ['b', 'collection']] },
  { name: 'when listCollections filters by name, then only that collection comes back', setup: async (db) => { await db.createCollection('b'); await db.createCollection('a'); }, action: async (db) => (await db.listCollections({ name: 'a' }, { nameOnly: true }).toArray()).map((c) => c.name), result: ['a'] },
  { name: 'when a collection is dropped, then it is no longer listed', setup: (db) => db.createCollection('c'), action: async (db) => ({ dropped: await db.collection<AnyDoc>('c').drop(), left: (await db.listCollections().toArray()).length }), result: { dropped: true, left: 0 } },
  { name: 'when a missing collection is dropped, then drop answers true (no error since 7.0)', action: (db) => db.command({ drop: 'nothing' }), check: () => undefined, same: (o) => ('error' in o ? code(o) : 'ok') },
  { name: 'when dropDatabase runs, then its collections are gone', setup: (db) => db.collection<AnyDoc>('c').insertOne({ _id: 1 }), action: async (db) => { await db.dropDatabase(); return db.listCollections().toArray(); }, result: [] },
  { name: 'when a collection is renamed, then documents move to the new name', setup: (db) => db.collection<AnyDoc>('old').insertOne({ _id: 1 }), action: async (db) => { await db.collection<AnyDoc>('old').rename('new'); return { n: await db.collection<AnyDoc>('new').countDocuments(), names: (await db.listCollections().toArray()).map((c) => c.name) }; }, result: { n: 1, names: ['new'] } },
  { name: 'when renaming onto an existing collection without dropTarget, then it fails with NamespaceExists', setup: async (db) => { await db.createCollection('a'); await db.createCollection('b'); }, action: (db) => db.collection<AnyDoc>('a').rename('b'), error: { code: 48 }, same: code },
  {
    name: 'when indexes are created, then listIndexes shows key, name, unique, sparse and partial filter',
    setup: async (db) => {
      await db.collection<AnyDoc>('c').createIndex({ a: 1, b: -1 });
      await db.collection<AnyDoc>('c').createIndex({ code: 1 }, { unique: true, name: 'code_unique' });
      await db.collection<AnyDoc>('c').createIndex({ s: 1 }, { sparse: true });
      await db.collection<AnyDoc>('c').createIndex({ p: 1 }, { partialFilterExpression: { p: { $exists: true } } });
    },
    action: async (db) =>
      (await db.collection<AnyDoc>('c').listIndexes().toArray()).map((index) =>
        Object.fromEntries(['key', 'name', 'unique', 'sparse', 'partialFilterExpression'].filter((k) => index[k] !== undefined).map((k) => [k, index[k]])),
      ),
    result: [
      { key: { _id: 1 }, name: '_id_' },
      { key: { a: 1, b: -1 }, name: 'a_1_b_-1' },
      { key: { code: 1 }, name: 'code_unique', unique: true },
      { key: { s: 1 }, name: 's_1', sparse: true },
      { key: { p: 1 }, name: 'p_1', partialFilterExpression: { p: { $exists: true } } },
    ],
  },
  { name: 'when an index is dropped by name, then it is no longer listed', setup: (db) => db.collection<AnyDoc>('c').createIndex({ a: 1 }), action: async (db) => { await db.collection<AnyDoc>('c').dropIndex('a_1'); return (await db.collection<AnyDoc>('c').listIndexes().toArray()).map((i) => i.name); }, result: ['_id_'] },
  { name: 'when a missing index is dropped, then it fails with IndexNotFound (27)', setup: (db) => db.createCollection('c'), action: (db) => db.collection<AnyDoc>('c').dropIndex('zzz_1'), error: { code: 27, codeName: 'IndexNotFound' }, same: code },
  { name: 'when the _id index is dropped, then it fails with InvalidOptions (72)', setup: (db) => db.createCollection('c'), action: (db) => db.collection<AnyDoc>('c').dropIndex('_id_'), error: { code: 72 }, same: code },
  {
    name: 'when a unique index is violated, then 11000 names the index, keyPattern and keyValue',
    setup: async (db) => { await db.collection<AnyDoc>('c').createIndex({ code: 1 }, { unique: true }); await db.collection<AnyDoc>('c').insertOne({ _id: 1, code: 'AB001' }); },
    action: (db) => db.collection<AnyDoc>('c').insertOne({ _id: 2, code: 'AB001' }),
    error: { code: 11000, keyPattern: { code: 1 }, keyValue: { code: 'AB001' }, message: /E11000 duplicate key error collection: conf_collections_and_indexes_12\.c index: code_1 dup key: \{ code: "AB001" \}/ },
  },
  {
    name: 'when a compound unique index differs in one field, then both documents are accepted',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ a: 1, b: 1 }, { unique: true }),
    action: async (db) => { await db.collection<AnyDoc>('c').insertMany([{ a: 1, b: 1 }, { a: 1, b: 2 }]); return db.collection<AnyDoc>('c').countDocuments(); },
    result: 2,
  },
  {
    name: 'when a unique sparse index meets documents without the field, then they do not collide',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ email: 1 }, { unique: true, sparse: true }),
    action: async (db) => { await db.collection<AnyDoc>('c').insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3, email: 'a@b' }]); return db.collection<AnyDoc>('c').countDocuments(); },
    result: 3,
  },
  {
    name: 'when a unique partial index filters documents out, then only filtered-in duplicates collide',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ rut: 1 }, { unique: true, partialFilterExpression: { active: true } }),
    action: async (db) => {
      await db.collection<AnyDoc>('c').insertMany([{ rut: '1-9', active: false }, { rut: '1-9', active: true }]);
      return db.collection<AnyDoc>('c').insertOne({ rut: '1-9', active: true });
    },
    error: { code: 11000 },
    same: code,
  },
  {
    name: 'when a unique index is built over existing duplicates, then createIndexes fails with 11000',
    setup: (db) => db.collection<AnyDoc>('c').insertMany([{ a: 1 }, { a: 1 }]),
    action: (db) => db.collection<AnyDoc>('c').createIndex({ a: 1 }, { unique: true }),
    error: { code: 11000 },
    same: code,
  },
  {
    name: 'when the same index is created again with other options under the same name, then it fails with IndexKeySpecsConflict or IndexOptionsConflict',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ a: 1 }, { name: 'x' }),
    action: (db) => db.collection<AnyDoc>('c').createIndex({ b: 1 }, { name: 'x' }),
    check: (o) => { if (!('error' in o) || ![85, 86].includes(o.error.code)) throw new Error(`expected 85 or 86, got ${JSON.stringify(o)}`); },
    same: code,
  },
  {
    name: 'when collMod sets a validator, then listCollections shows it and invalid inserts fail',
    setup: (db) => db.createCollection('c'),
    action: async (db) => {
      await db.command({ collMod: 'c', validator: { $jsonSchema: { required: ['name'] } }, validationLevel: 'strict', validationAction: 'error' });
      const [info] = await db.listCollections({ name: 'c' }).toArray();
      let failed: number | null = null;
      try { await db.collection<AnyDoc>('c').insertOne({ _id: 1 }); } catch (err) { failed = (err as { code: number }).code; }
      return { options: (info as Document).options, failed };
    },
    result: { options: { validator: { $jsonSchema: { required: ['name'] } }, validationLevel: 'strict', validationAction: 'error' }, failed: 121 },
  },
  { name: 'when collMod names a missing collection, then it fails with NamespaceNotFound', action: (db) => db.command({ collMod: 'nothing', validator: {} }), error: { code: 26 }, same: code },
  {
    name: 'when a TTL index is created, then listIndexes shows expireAfterSeconds',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ at: 1 }, { expireAfterSeconds: 3600, name: 'at_ttl' }),
    action: async (db) => (await db.collection<AnyDoc>('c').listIndexes().toArray()).map((i) => [i.name, i.expireAfterSeconds ?? null]),
    result: [['_id_', null], ['at_ttl', 3600]],
  },
  {
    name: 'when a compound index asks for expireAfterSeconds, then createIndexes fails with CannotCreateIndex (67)',
    action: (db) => db.collection<AnyDoc>('c').createIndex({ a: 1, b: 1 }, { expireAfterSeconds: 10 }),
    error: { code: 67, codeName: 'CannotCreateIndex', message: /TTL indexes are single-field indexes, compound indexes do not support TTL/ },
    same: code,
  },
  {
    name: 'when expireAfterSeconds is negative, then createIndexes fails with CannotCreateIndex (67)',
    action: (db) => db.collection<AnyDoc>('c').createIndex({ a: 1 }, { expireAfterSeconds: -1 }),
    error: { code: 67, message: /expireAfterSeconds' option cannot be less than 0/ },
    same: code,
  },
  {
    name: 'when expireAfterSeconds is not a number, then createIndexes fails with CannotCreateIndex (67)',
    action: (db) => db.command({ createIndexes: 'c', indexes: [{ key: { a: 1 }, name: 'a_1', expireAfterSeconds: 'soon' }] }),
    error: { code: 67, message: /must be numeric, but received a type of 'string'/ },
    same: code,
  },
  {
    name: 'when expireAfterSeconds is past a 32-bit integer, then createIndexes fails with CannotCreateIndex (67)',
    action: (db) => db.collection<AnyDoc>('c').createIndex({ a: 1 }, { expireAfterSeconds: 2 ** 31 }),
    error: { code: 67, message: /32-bit integer/ },
    same: code,
  },
  {
    name: 'when the _id index asks for expireAfterSeconds, then createIndexes fails with InvalidIndexSpecificationOption (197)',
    action: (db) => db.collection<AnyDoc>('c').createIndex({ _id: 1 }, { expireAfterSeconds: 10 }),
    error: { code: 197, message: /The field 'expireAfterSeconds' is not valid for an _id index specification/ },
    same: code,
  },
  {
    name: 'when collMod changes a TTL index by key pattern, then it answers the old and new values and listIndexes shows the new',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ at: 1 }, { expireAfterSeconds: 10 }),
    action: async (db) => {
      const reply = await db.command({ collMod: 'c', index: { keyPattern: { at: 1 }, expireAfterSeconds: 20 } });
      const indexes = await db.collection<AnyDoc>('c').listIndexes().toArray();
      return { old: reply.expireAfterSeconds_old, new: reply.expireAfterSeconds_new, listed: indexes.find((i) => i.name === 'at_1')?.expireAfterSeconds };
    },
    result: { old: 10, new: 20, listed: 20 },
  },
  {
    name: 'when collMod gives an ordinary single-field index expireAfterSeconds by name, then it becomes a TTL index',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ at: 1 }, { name: 'when' }),
    action: async (db) => {
      const reply = await db.command({ collMod: 'c', index: { name: 'when', expireAfterSeconds: 5 } });
      const indexes = await db.collection<AnyDoc>('c').listIndexes().toArray();
      return { old: reply.expireAfterSeconds_old ?? null, new: reply.expireAfterSeconds_new, listed: indexes.find((i) => i.name === 'when')?.expireAfterSeconds };
    },
    result: { old: null, new: 5, listed: 5 },
  },
  {
    name: 'when collMod gives a compound index expireAfterSeconds, then it fails with InvalidOptions (72)',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ a: 1, b: 1 }),
    action: (db) => db.command({ collMod: 'c', index: { keyPattern: { a: 1, b: 1 }, expireAfterSeconds: 5 } }),
    error: { code: 72, codeName: 'InvalidOptions' },
    same: code,
  },
  {
    name: 'when collMod names an index that does not exist, then it fails with IndexNotFound (27)',
    setup: (db) => db.createCollection('c'),
    action: (db) => db.command({ collMod: 'c', index: { name: 'nothing', expireAfterSeconds: 5 } }),
    error: { code: 27, codeName: 'IndexNotFound' },
    same: code,
  },
  {
    name: 'when an index is created hidden, then listIndexes says so, queries do not use it, and hidden: false is not kept',
    setup: async (db) => {
      await db.collection<AnyDoc>('c').insertMany([{ a: 1, b: 1 }, { a: 2, b: 2 }]);
      await db.collection<AnyDoc>('c').createIndex({ a: 1 }, { hidden: true });
      return db.collection<AnyDoc>('c').createIndex({ b: 1 }, { hidden: false });
    },
    action: async (db) => ({ a: await hiddenOf(db, 'a_1'), b: await hiddenOf(db, 'b_1'), aUsed: await usesIndex(db, { a: 1 }), bUsed: await usesIndex(db, { b: 1 }) }),
    result: { a: true, b: null, aUsed: false, bUsed: true },
  },
  {
    name: 'when collMod hides and then unhides an index, then it answers the old and new states and the planner follows them',
    setup: async (db) => {
      await db.collection<AnyDoc>('c').insertMany([{ a: 1 }, { a: 2 }]);
      return db.collection<AnyDoc>('c').createIndex({ a: 1 });
    },
    action: async (db) => {
      const hide = await db.command({ collMod: 'c', index: { name: 'a_1', hidden: true } });
      const whileHidden = { listed: await hiddenOf(db, 'a_1'), used: await usesIndex(db, { a: 1 }) };
      const unhide = await db.command({ collMod: 'c', index: { keyPattern: { a: 1 }, hidden: false } });
      return {
        hide: [hide.hidden_old, hide.hidden_new],
        whileHidden,
        unhide: [unhide.hidden_old, unhide.hidden_new],
        after: { listed: await hiddenOf(db, 'a_1'), used: await usesIndex(db, { a: 1 }) },
      };
    },
    result: { hide: [false, true], whileHidden: { listed: true, used: false }, unhide: [true, false], after: { listed: null, used: true } },
  },
  {
    name: 'when a query hints a hidden index, then it fails with BadValue (2)',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ a: 1 }, { hidden: true }),
    action: (db) => db.collection<AnyDoc>('c').find({}, { hint: { a: 1 } }).toArray(),
    error: { code: 2 },
    same: code,
  },
  {
    name: 'when a unique index is hidden, then it still refuses duplicates',
    setup: async (db) => {
      await db.collection<AnyDoc>('c').createIndex({ a: 1 }, { unique: true, hidden: true });
      return db.collection<AnyDoc>('c').insertOne({ a: 1 });
    },
    action: (db) => db.collection<AnyDoc>('c').insertOne({ a: 1 }),
    error: { code: 11000 },
    same: code,
  },
  {
    name: 'when collMod changes a TTL index and hides it at once, then both changes hold',
    setup: (db) => db.collection<AnyDoc>('c').createIndex({ at: 1 }, { expireAfterSeconds: 10 }),
    action: async (db) => {
      await db.command({ collMod: 'c', index: { name: 'at_1', expireAfterSeconds: 1, hidden: true } });
      const index = (await db.collection<AnyDoc>('c').listIndexes().toArray()).find((i) => i.name === 'at_1')!;
      return [index.expireAfterSeconds, index.hidden];
    },
    result: [1, true],
  },
  {
    name: 'when collMod would hide the _id index, then it fails',
    setup: (db) => db.createCollection('c'),
    action: (db) => db.command({ collMod: 'c', index: { name: '_id_', hidden: true } }),
    check: (o) => { if (!('error' in o)) throw new Error(`expected an error, got ${JSON.stringify(o)}`); },
    same: (o) => 'error' in o,
  },
  { name: 'when a query uses a hint naming a missing index, then it fails with BadValue', setup: (db) => db.collection<AnyDoc>('c').insertOne({ _id: 1 }), action: (db) => db.collection<AnyDoc>('c').find({}, { hint: 'nope_1' }).toArray(), error: { code: 2 }, same: code },
  {
    name: 'when an index key or option is malformed, then createIndexes fails with 67 or 197 and says why',
    setup: (db) => db.createCollection('c'),
    action: async (db) => {
      const failure = (spec: Document) =>
        db.command({ createIndexes: 'c', indexes: [spec] }).then(() => null, (e: Document) => ({ code: e.code, reason: String(e.message).replace(/^.* :: caused by :: /, '').replace(/ Specification: .*$/, '') }));
      return {
        zero: await failure({ key: { a: 0 }, name: 'a_0' }),
        plugin: await failure({ key: { a: 'nope' }, name: 'a_nope' }),
        bool: await failure({ key: { a: true }, name: 'a_true' }),
        option: await failure({ key: { a: 1 }, name: 'a_1', colour: 'blue' }),
        indexes: (await db.collection('c').listIndexes().toArray()).map((index) => index.name),
      };
    },
    result: {
      zero: { code: 67, reason: 'Values in the index key pattern cannot be 0.' },
      plugin: { code: 67, reason: "Unknown index plugin 'nope'" },
      bool: { code: 67, reason: 'Values in v:2 index key pattern cannot be of type bool. Only numbers > 0, numbers < 0, and strings are allowed.' },
      option: { code: 197, reason: "The field 'colour' is not valid for an index specification." },
      indexes: ['_id_'],
    },
  },
  {
    name: 'when create or collMod is given a field it does not have, then it fails with 40415 naming it and nothing changes',
    setup: (db) => db.createCollection('c'),
    action: async (db) => {
      const failure = (command: Document) => db.command(command).then(() => null, (e: Document) => ({ code: e.code, message: e.message }));
      return {
        create: await failure({ create: 'd', colour: 'blue' }),
        collMod: await failure({ collMod: 'c', colour: 'blue', validator: { a: { $exists: true } } }),
        names: (await db.listCollections().toArray()).map((c) => c.name),
        options: ((await db.listCollections({ name: 'c' }).toArray())[0] as Document).options,
      };
    },
    result: {
      create: { code: 40415, message: "BSON field 'create.colour' is an unknown field." },
      collMod: { code: 40415, message: "BSON field 'collMod.colour' is an unknown field." },
      names: ['c'],
      options: {},
    },
  },
  {
    name: 'when a field holds an empty array, then it is keyed apart from null: before null in a sort with or without the index, its own value in a unique index, present in a sparse one; an array inside an array is one value',
    setup: (db) => db.collection<AnyDoc>('c').insertMany([{ _id: 1, a: null }, { _id: 2, a: [] }, { _id: 3 }, { _id: 4, a: 1 }, { _id: 5, a: [null] }, { _id: 6, a: [[]] }] as AnyDoc[]),
    action: async (db) => {
      const c = db.collection<AnyDoc>('c');
      await c.createIndex({ a: 1 });
      const ids = (docs: AnyDoc[]) => docs.map((d) => d._id);
      const sorted = ids(await c.find({}).sort({ a: 1, _id: 1 }).hint({ a: 1 }).toArray());
      const unsorted = ids(await c.find({}).sort({ a: 1, _id: 1 }).hint({ $natural: 1 }).toArray());
      const descending = ids(await c.find({}).sort({ a: -1, _id: 1 }).hint({ a: 1 }).toArray());
      const unsortedDescending = ids(await c.find({}).sort({ a: -1, _id: 1 }).hint({ $natural: 1 }).toArray());
      const nulls = ids(await c.find({ a: null }).sort({ _id: 1 }).hint({ a: 1 }).toArray());
      const unique = db.collection<AnyDoc>('u');
      await unique.createIndex({ a: 1 }, { unique: true });
      await unique.insertMany([{ _id: 1, a: [] }, { _id: 2 }] as AnyDoc[]);
      const again = await unique.insertOne({ _id: 3, a: [] } as AnyDoc).then(() => 'inserted', (err: { code?: number }) => err.code);
      const sparse = db.collection<AnyDoc>('s');
      await sparse.createIndex({ a: 1 }, { sparse: true });
      await sparse.insertMany([{ _id: 1, a: [] }, { _id: 2 }] as AnyDoc[]);
      return { sorted, unsorted, descending, unsortedDescending, nulls, again, sparse: ids(await sparse.find({}).hint({ a: 1 }).toArray()) };
    },
    result: { sorted: [2, 1, 3, 5, 4, 6], unsorted: [2, 1, 3, 5, 4, 6], descending: [6, 4, 1, 3, 5, 2], unsortedDescending: [6, 4, 1, 3, 5, 2], nulls: [1, 3, 5], again: 11000, sparse: [1] },
  },
]);
