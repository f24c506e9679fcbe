import type { Db, Document } from 'mongodb';
import { Decimal128, Long, ObjectId } from 'bson';
import { expect } from 'chai';
import { type AnyDoc, conformance, type Outcome } from './harness.js';

const officials = (db: Db) =>
  db.collection<AnyDoc>('officials').insertMany([
    { _id: 1, name: 'Ana', inst: 'ab001', age: 41, tags: ['lobby', 'probity'], pos: { title: 'minister', level: 1 } },
    { _id: 2, name: 'Bruno', inst: 'ab002', age: 35, tags: ['lobby'], pos: { title: 'advisor', level: 3 } },
    { _id: 3, name: 'Carla', inst: 'ab001', age: 52, tags: [], pos: { title: 'undersecretary', level: 2 } },
    { _id: 4, name: 'Diego', inst: 'ab003', age: 29, pos: { title: 'advisor', level: 3 } },
    { _id: 5, name: 'Elena', inst: 'ab002', age: null, tags: ['probity'] },
  ]);

const find = (filter: Document, options: Document = {}) => (db: Db) => db.collection<AnyDoc>('officials').find(filter, options).toArray();
const ids = (o: Outcome) => ((o as { result: Document[] }).result ?? []).map((d) => d._id);

conformance('insert and find', [
  {
    name: 'when documents are inserted, then insertMany reports their ids in order',
    action: (db) => db.collection<AnyDoc>('c').insertMany([{ _id: 'a' }, { _id: 'b' }]),
    result: { acknowledged: true, insertedCount: 2, insertedIds: { 0: 'a', 1: 'b' } },
  },
  {
    name: 'when a document has no _id, then the server-side id is an ObjectId placed first',
    action: async (db) => {
      await db.collection<AnyDoc>('c').insertOne({ x: 1 });
      const [doc] = await db.collection<AnyDoc>('c').find().toArray();
      return { first: Object.keys(doc)[0], isObjectId: (doc._id as { _bsontype?: string })._bsontype === 'ObjectId' };
    },
    result: { first: '_id', isObjectId: true },
  },
  { name: 'when filtering by equality, then only equal documents come back', setup: officials, action: find({ inst: 'ab001' }), check: (o) => expect(ids(o)).to.deep.equal([1, 3]) },
  { name: 'when filtering with $gt and $lte, then the range is applied', setup: officials, action: find({ age: { $gt: 30, $lte: 45 } }), check: (o) => expect(ids(o)).to.deep.equal([1, 2]) },
  { name: 'when filtering with $in on an array field, then any element matches', setup: officials, action: find({ tags: { $in: ['probity'] } }), check: (o) => expect(ids(o)).to.deep.equal([1, 5]) },
  { name: 'when filtering a dotted path, then embedded fields match', setup: officials, action: find({ 'pos.title': 'advisor' }), check: (o) => expect(ids(o)).to.deep.equal([2, 4]) },
  { name: 'when filtering with $exists false, then documents without the field come back', setup: officials, action: find({ tags: { $exists: false } }), check: (o) => expect(ids(o)).to.deep.equal([4]) },
  { name: 'when filtering by null, then null and missing both match', setup: officials, action: find({ age: null }), check: (o) => expect(ids(o)).to.deep.equal([5]) },
  { name: 'when filtering with $or and $regex, then either branch matches', setup: officials, action: find({ $or: [{ name: { $regex: '^B' } }, { age: { $gt: 50 } }] }), check: (o) => expect(ids(o)).to.deep.equal([2, 3]) },
  { name: 'when filtering with $size and $elemMatch, then array shape is matched', setup: officials, action: find({ tags: { $size: 1 } }), check: (o) => expect(ids(o)).to.deep.equal([2, 5]) },
  { name: 'when filtering with $type, then BSON types are matched', setup: officials, action: find({ age: { $type: 'null' } }), check: (o) => expect(ids(o)).to.deep.equal([5]) },
  {
    name: 'when an inclusion projection is given, then only those fields and _id come back',
    setup: officials,
    action: find({ _id: 1 }, { projection: { name: 1, 'pos.title': 1 } }),
    result: [{ _id: 1, name: 'Ana', pos: { title: 'minister' } }],
  },
  {
    name: 'when an exclusion projection drops _id, then the rest comes back',
    setup: officials,
    action: find({ _id: 4 }, { projection: { _id: 0, pos: 0 } }),
    result: [{ name: 'Diego', inst: 'ab003', age: 29 }],
  },
  {
    name: 'when an exclusion projection drops top-level fields with 0 and false, then the others keep their order and absent fields are ignored',
    setup: officials,
    action: async (db) => (await find({ inst: 'ab001' }, { projection: { tags: false, pos: 0, missing: 0 } })(db)).map((doc) => Object.keys(doc)),
    result: [
      ['_id', 'name', 'inst', 'age'],
      ['_id', 'name', 'inst', 'age'],
    ],
  },
  {
    name: 'when a projection mixes inclusion and exclusion, then it fails with code 31254',
    setup: officials,
    action: find({}, { projection: { name: 1, age: 0 } }),
    error: { code: 31254 },
    same: (o) => (o as { error: Document }).error.code,
  },
  {
    name: 'when a projection changes its mind, then the error names the first field that disagrees (31254, 31253)',
    setup: officials,
    action: async (db) => {
      const failure = (projection: Document) => find({}, { projection })(db).then(() => null, (e: Document) => ({ code: e.code, message: e.message }));
      return { exclusion: await failure({ name: 1, age: 0 }), inclusion: await failure({ _id: 0, age: 0, name: 1 }) };
    },
    result: {
      exclusion: { code: 31254, message: 'Cannot do exclusion on field age in inclusion projection' },
      inclusion: { code: 31253, message: 'Cannot do inclusion on field name in exclusion projection' },
    },
  },
  {
    name: 'when a filter is malformed, then it fails as the query parser does, whether or not anything matches',
    setup: officials,
    action: async (db) => {
      const failure = (filter: Document) => find(filter)(db).then(() => null, (e: Document) => ({ code: e.code, message: e.message }));
      return {
        unknown: await failure({ age: { $foo: 1 } }),
        topLevel: await failure({ $foo: 1 }),
        inNotArray: await failure({ age: { $in: 41 } }),
        ninNested: await failure({ age: { $nin: [{ $gt: 1 }] } }),
        emptyAnd: await failure({ $and: [] }),
        orEntries: await failure({ $or: [1] }),
        size: await failure({ tags: { $size: -1 } }),
        mod: await failure({ age: { $mod: [0, 1] } }),
        modShape: await failure({ age: { $mod: [2] } }),
        elemMatch: await failure({ tags: { $elemMatch: 1 } }),
        not: await failure({ name: { $not: 'Ana' } }),
        notEmpty: await failure({ name: { $not: {} } }),
        options: await failure({ name: { $options: 'i' } }),
        // The regular expression library words its refusal its own way: the code and the start are what must agree.
        regex: await failure({ name: { $regex: '(' } }).then((e) => ({ code: e?.code, invalid: /^Regular expression is invalid/.test(String(e?.message)) })),
        neRegex: await failure({ name: { $ne: /A/ } }),
        nested: await failure({ $or: [{ age: { $in: 1 } }] }),
        expr: await failure({ $expr: { $foo: ['$age', 1] } }),
      };
    },
    result: {
      unknown: { code: 2, message: 'unknown operator: $foo' },
      topLevel: { code: 2, message: "unknown top level operator: $foo. If you have a field name that starts with a '$' symbol, consider using $getField or $setField." },
      inNotArray: { code: 2, message: '$in needs an array' },
      ninNested: { code: 2, message: 'cannot nest $ under $in' },
      emptyAnd: { code: 2, message: '$and/$or/$nor must be a nonempty array' },
      orEntries: { code: 2, message: '$or/$and/$nor entries need to be full objects' },
      size: { code: 2, message: 'Failed to parse $size. Expected a positive number in: $size: -1' },
      mod: { code: 2, message: 'divisor cannot be 0' },
      modShape: { code: 2, message: 'malformed mod, not enough elements' },
      elemMatch: { code: 2, message: '$elemMatch needs an Object' },
      not: { code: 2, message: '$not needs a regex or a document' },
      notEmpty: { code: 2, message: '$not cannot be empty' },
      options: { code: 2, message: '$options needs a $regex' },
      regex: { code: 51091, invalid: true },
      neRegex: { code: 2, message: "Can't have regex as arg to $ne." },
      nested: { code: 2, message: '$in needs an array' },
      expr: { code: 168, message: "Unrecognized expression '$foo'" },
    },
  },
  {
    name: 'when $natural order is asked for by sort or by hint, then documents come in stored order or its reverse, updates keeping their place',
    setup: async (db) => {
      await officials(db);
      await db.collection<AnyDoc>('officials').updateOne({ _id: 2 }, { $set: { age: 36 } });
    },
    action: async (db) => {
      const order = async (options: Document) => (await db.collection<AnyDoc>('officials').find({ age: { $gt: 30 } }, options).toArray()).map((d) => d._id);
      return { backward: await order({ sort: { $natural: -1 } }), forward: await order({ hint: { $natural: 1 } }), hintedBackward: await order({ hint: { $natural: -1 }, limit: 2 }) };
    },
    result: { backward: [3, 2, 1], forward: [1, 2, 3], hintedBackward: [3, 2] },
  },
  {
    name: 'when find is given an option it does not have or cannot honour, then it fails naming it',
    setup: officials,
    action: async (db) => {
      const failure = (command: Document) => db.command({ find: 'officials', ...command }).then(() => null, (e: Document) => ({ code: e.code, message: e.message }));
      return {
        unknown: await failure({ colour: 'blue' }),
        minWithoutHint: await failure({ min: { age: 30 } }),
        awaitData: await failure({ awaitData: true }),
        tailable: (await failure({ tailable: true }))?.code,
      };
    },
    result: {
      unknown: { code: 40415, message: "BSON field 'find.colour' is an unknown field." },
      minWithoutHint: { code: 51173, message: 'When using min()/max() a hint of which index to use must be provided' },
      awaitData: { code: 9, message: "Cannot set 'awaitData' without also setting 'tailable'" },
      tailable: 2,
    },
  },
  {
    name: 'when values of every kind are sorted, then BSON order holds, an array by its least or greatest element and an empty one below null and missing',
    setup: (db) =>
      db.collection<AnyDoc>('mixed').insertMany([
        { _id: 1, a: 'b' }, { _id: 2, a: 5 }, { _id: 3, a: null }, { _id: 4 }, { _id: 5, a: [3, 1] }, { _id: 6, a: { x: 1 } },
        { _id: 7, a: true }, { _id: 8, a: new Date(0) }, { _id: 9, a: [] }, { _id: 10, a: [7, 'z'] },
      ]),
    action: async (db) => {
      const order = async (direction: 1 | -1) => (await db.collection<AnyDoc>('mixed').find({}, { sort: { a: direction, _id: 1 } }).toArray()).map((d) => d._id);
      const grouped = await db.collection<AnyDoc>('mixed').aggregate([{ $addFields: { k: 1 } }, { $sort: { a: 1, _id: 1 } }]).toArray();
      return { ascending: await order(1), descending: await order(-1), aggregate: grouped.map((d) => d._id) };
    },
    result: { ascending: [9, 3, 4, 5, 2, 10, 1, 6, 7, 8], descending: [8, 7, 6, 10, 1, 2, 5, 3, 4, 9], aggregate: [9, 3, 4, 5, 2, 10, 1, 6, 7, 8] },
  },
  { name: 'when sorting descending with skip and limit, then the page is right', setup: officials, action: find({}, { sort: { age: -1 }, skip: 1, limit: 2 }), check: (o) => expect(ids(o)).to.deep.equal([1, 2]) },
  { name: 'when sorting by two keys, then ties break on the second', setup: officials, action: find({}, { sort: { inst: 1, age: -1 } }), check: (o) => expect(ids(o)).to.deep.equal([3, 1, 2, 5, 4]) },
  { name: 'when sorting ascending over null, then null sorts first', setup: officials, action: find({}, { sort: { age: 1 } }), check: (o) => expect(ids(o)).to.deep.equal([5, 4, 2, 1, 3]) },
  {
    name: 'when a batch size is smaller than the result, then getMore fetches the rest through the cursor',
    setup: (db) => db.collection<AnyDoc>('c').insertMany(Array.from({ length: 25 }, (_, i) => ({ _id: i }))),
    action: async (db) => {
      const first = await db.command({ find: 'c', batchSize: 10, sort: { _id: 1 } });
      const more = await db.command({ getMore: first.cursor.id, collection: 'c', batchSize: 10 });
      const last = await db.command({ getMore: more.cursor.id, collection: 'c', batchSize: 10 });
      return [first.cursor.firstBatch.length, more.cursor.nextBatch.length, last.cursor.nextBatch.length, String(last.cursor.id)];
    },
    result: [10, 10, 5, '0'],
  },
  {
    name: 'when the results exceed the 16 MiB a reply may hold, then they come back whole over several batches',
    setup: async (db) => {
      for (let i = 0; i < 6; i++) await db.collection<AnyDoc>('c').insertOne({ _id: i, blob: String(i).repeat(4 * 1024 * 1024) });
    },
    action: async (db) => {
      const cursor = db.collection<AnyDoc>('c').find().sort({ _id: 1 });
      await cursor.hasNext();
      const firstBatch = cursor.bufferedCount();
      const all = await cursor.toArray();
      return {
        firstBatchHoldsPart: firstBatch > 0 && firstBatch < 6,
        ids: all.map((d) => d._id),
        intact: all.every((d) => (d.blob as string).length === 4 * 1024 * 1024 && (d.blob as string).startsWith(String(d._id))),
      };
    },
    result: { firstBatchHoldsPart: true, ids: [0, 1, 2, 3, 4, 5], intact: true },
  },
  {
    name: 'when a cursor is killed, then killCursors reports it and getMore fails with CursorNotFound',
    setup: (db) => db.collection<AnyDoc>('c').insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: i }))),
    action: async (db) => {
      const first = await db.command({ find: 'c', batchSize: 2 });
      const killed = await db.command({ killCursors: 'c', cursors: [first.cursor.id] });
      const sameId = String(killed.cursorsKilled[0]) === String(first.cursor.id);
      try {
        await db.command({ getMore: first.cursor.id, collection: 'c' });
        return { sameId, getMore: 'worked' };
      } catch (err) {
        return { sameId, getMore: (err as { code: number }).code };
      }
    },
    result: { sameId: true, getMore: 43 },
  },
  {
    name: 'when count is run with a filter, then it counts matches',
    setup: officials,
    action: async (db) => ({ filtered: await db.collection<AnyDoc>('officials').countDocuments({ inst: 'ab002' }), all: (await db.command({ count: 'officials' })).n }),
    result: { filtered: 2, all: 5 },
  },
  {
    name: 'when distinct is run, then array elements are unwound and values are unique',
    setup: officials,
    action: async (db) => (await db.collection<AnyDoc>('officials').distinct('tags')).sort(),
    result: ['lobby', 'probity'],
  },
  {
    name: 'when distinct is run with a filter, then only matching documents contribute',
    setup: officials,
    action: async (db) => (await db.collection<AnyDoc>('officials').distinct('inst', { age: { $gt: 30 } })).sort(),
    result: ['ab001', 'ab002'],
  },
  {
    name: 'when _id values of different BSON types are stored, then each keeps its type',
    setup: (db) =>
      db.collection<AnyDoc>('c').insertMany([
        { _id: 1 },
        { _id: 2.5 },
        { _id: 'three' },
        { _id: new ObjectId('65a1b2c3d4e5f60718293a4b') },
        { _id: { a: 1 } },
        { _id: Decimal128.fromString('7.10') },
        { _id: new Date(0) },
      ]),
    action: (db) => db.collection<AnyDoc>('c').aggregate([{ $project: { t: { $type: '$_id' } } }, { $sort: { t: 1 } }, { $project: { _id: 0, t: 1 } }]).toArray(),
    result: [{ t: 'date' }, { t: 'decimal' }, { t: 'double' }, { t: 'int' }, { t: 'object' }, { t: 'objectId' }, { t: 'string' }],
  },
  {
    name: 'when an int64 _id is stored, then it keeps the long type',
    setup: (db) => db.collection<AnyDoc>('c').insertOne({ _id: Long.fromNumber(2) }),
    action: (db) => db.collection<AnyDoc>('c').aggregate([{ $project: { _id: 0, t: { $type: '$_id' } } }]).toArray(),
    result: [{ t: 'long' }],
    embeddedDiffers: { why: 'int64 values are decoded to JS numbers, see docs/embedded-engine.md', result: [{ t: 'int' }] },
  },
  {
    name: 'when the same numeric _id is inserted as int and as double, then it is a duplicate',
    setup: (db) => db.collection<AnyDoc>('c').insertOne({ _id: 1 }),
    action: (db) => db.collection<AnyDoc>('c').insertOne({ _id: 1.0 }),
    error: { code: 11000 },
    same: (o) => (o as { error: Document }).error.code,
  },
]);
