import type { Db, Document, Timestamp } from 'mongodb';
import { type AnyDoc, conformance, type Outcome } from './harness.js';

/** The documents `seed` stores, as a refused write must leave them. */
const SEEDED = [
  { _id: 1, subject: 'water', n: 1, items: [{ k: 'a', v: 1 }, { k: 'b', v: 5 }], tags: ['x'] },
  { _id: 2, subject: 'mining', n: 2, items: [{ k: 'a', v: 7 }], tags: [] },
  { _id: 3, subject: 'water', n: 3, items: [], tags: ['y', 'x'] },
];
const seed = (db: Db) => db.collection<AnyDoc & Document>('m').insertMany(structuredClone(SEEDED));
const all = (db: Db) => db.collection<AnyDoc & Document>('m').find({}, { sort: { _id: 1 } }).toArray();
const code = (o: Outcome) => (o as { error: Document }).error.code;
const MIB = 1024 * 1024;

conformance('update, delete, findAndModify, bulk', [
  {
    name: 'when $set, $inc, $unset, $push and $addToSet are combined, then each applies',
    setup: seed,
    action: async (db) => {
      const r = await db.collection<AnyDoc & Document>('m').updateOne({ _id: 1 }, { $set: { 'a.b': 1 }, $inc: { n: 10 }, $unset: { subject: '' }, $push: { tags: 'z' }, $addToSet: { items: { k: 'a', v: 1 } } } as Document);
      return { r, doc: await db.collection<AnyDoc & Document>('m').findOne({ _id: 1 }) };
    },
    result: {
      r: { acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null },
      doc: { _id: 1, n: 11, items: [{ k: 'a', v: 1 }, { k: 'b', v: 5 }], tags: ['x', 'z'], a: { b: 1 } },
    },
  },
  {
    name: 'when an update changes nothing, then modifiedCount is 0',
    setup: seed,
    action: (db) => db.collection<AnyDoc & Document>('m').updateOne({ _id: 2 }, { $set: { n: 2 } }),
    result: { acknowledged: true, matchedCount: 1, modifiedCount: 0, upsertedCount: 0, upsertedId: null },
  },
  {
    name: 'when updateMany matches several documents, then all are changed',
    setup: seed,
    action: async (db) => ({ r: await db.collection<AnyDoc & Document>('m').updateMany({ subject: 'water' }, { $mul: { n: 2 } }), ns: (await all(db)).map((d) => d.n) }),
    result: { r: { acknowledged: true, matchedCount: 2, modifiedCount: 2, upsertedCount: 0, upsertedId: null }, ns: [2, 2, 6] },
  },
  {
    name: 'when a replacement document is given, then the old fields are gone and _id stays',
    setup: seed,
    action: async (db) => {
      await db.collection<AnyDoc & Document>('m').replaceOne({ _id: 2 }, { subject: 'fishing' });
      return db.collection<AnyDoc & Document>('m').findOne({ _id: 2 });
    },
    result: { _id: 2, subject: 'fishing' },
  },
  {
    name: 'when a replacement tries to change _id, then it fails with ImmutableField (66)',
    setup: seed,
    action: (db) => db.collection<AnyDoc & Document>('m').replaceOne({ _id: 2 }, { _id: 9, subject: 'x' }),
    error: { code: 66 },
    same: code,
  },
  {
    name: 'when an update pipeline is given, then aggregation expressions compute the new fields',
    setup: seed,
    action: async (db) => {
      await db.collection<AnyDoc & Document>('m').updateOne({ _id: 3 }, [{ $set: { total: { $add: ['$n', 100] }, label: { $concat: ['$subject', '!'] } } }, { $unset: 'items' }]);
      return db.collection<AnyDoc & Document>('m').findOne({ _id: 3 });
    },
    result: { _id: 3, subject: 'water', n: 3, tags: ['y', 'x'], total: 103, label: 'water!' },
  },
  {
    name: 'when an upsert matches nothing, then a document is built from the equality filter and the update',
    action: async (db) => ({ r: await db.collection<AnyDoc & Document>('m').updateOne({ _id: 7, subject: 'gifts' }, { $set: { n: 1 } }, { upsert: true }), doc: await db.collection<AnyDoc & Document>('m').findOne({ _id: 7 }) }),
    result: { r: { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: 7 }, doc: { _id: 7, subject: 'gifts', n: 1 } },
  },
  {
    name: 'when $setOnInsert is used with an upsert that matches, then it is ignored',
    setup: seed,
    action: async (db) => {
      await db.collection<AnyDoc & Document>('m').updateOne({ _id: 2 }, { $setOnInsert: { created: true }, $set: { seen: true } }, { upsert: true });
      return db.collection<AnyDoc & Document>('m').findOne({ _id: 2 }, { projection: { created: 1, seen: 1 } });
    },
    result: { _id: 2, seen: true },
  },
  {
    name: 'when arrayFilters select elements, then only those are updated',
    setup: seed,
    action: async (db) => {
      await db.collection<AnyDoc & Document>('m').updateOne({ _id: 1 }, { $set: { 'items.$[e].v': 0 } }, { arrayFilters: [{ 'e.v': { $gt: 2 } }] });
      return (await db.collection<AnyDoc & Document>('m').findOne({ _id: 1 }))?.items;
    },
    result: [{ k: 'a', v: 1 }, { k: 'b', v: 0 }],
  },
  {
    name: 'when the positional $ operator is used, then the first matched element is updated',
    setup: seed,
    action: async (db) => {
      await db.collection<AnyDoc & Document>('m').updateOne({ _id: 1, 'items.k': 'b' }, { $inc: { 'items.$.v': 1 } });
      return (await db.collection<AnyDoc & Document>('m').findOne({ _id: 1 }))?.items;
    },
    result: [{ k: 'a', v: 1 }, { k: 'b', v: 6 }],
  },
  {
    name: 'when an update document mixes operators and plain fields, then the write fails with FailedToParse (9)',
    setup: seed,
    action: async (db) => {
      const r = await db.command({ update: 'm', updates: [{ q: { _id: 1 }, u: { $set: { a: 1 }, b: 2 } }] });
      return { ok: r.ok, n: r.n, codes: (r.writeErrors as Document[]).map((e) => e.code) };
    },
    result: { ok: 1, n: 0, codes: [9] },
  },
  {
    name: 'when $inc targets a string, then it fails with TypeMismatch (14)',
    setup: seed,
    action: (db) => db.collection<AnyDoc & Document>('m').updateOne({ _id: 1 }, { $inc: { subject: 1 } }),
    error: { code: 14, codeName: 'TypeMismatch' },
    same: code,
  },
  {
    name: 'when deleteOne and deleteMany run, then they report deleted counts',
    setup: seed,
    action: async (db) => ({ one: await db.collection<AnyDoc & Document>('m').deleteOne({ subject: 'water' }), many: await db.collection<AnyDoc & Document>('m').deleteMany({}), left: await db.collection<AnyDoc & Document>('m').countDocuments() }),
    result: { one: { acknowledged: true, deletedCount: 1 }, many: { acknowledged: true, deletedCount: 2 }, left: 0 },
  },
  {
    name: 'when findOneAndUpdate asks for the document after, then the new version comes back',
    setup: seed,
    action: (db) => db.collection<AnyDoc & Document>('m').findOneAndUpdate({ _id: 2 }, { $inc: { n: 1 } }, { returnDocument: 'after', projection: { n: 1 } }),
    result: { _id: 2, n: 3 },
  },
  {
    name: 'when findAndModify runs raw, then lastErrorObject tells updatedExisting and value is the old document',
    setup: seed,
    action: (db) => db.command({ findAndModify: 'm', query: { _id: 2 }, update: { $set: { n: 0 } }, fields: { n: 1 } }),
    result: { lastErrorObject: { n: 1, updatedExisting: true }, value: { _id: 2, n: 2 }, ok: 1 },
  },
  {
    name: 'when findOneAndUpdate upserts, then lastErrorObject carries upserted',
    action: (db) => db.command({ findAndModify: 'm', query: { _id: 5 }, update: { $set: { n: 1 } }, upsert: true, new: true }),
    result: { lastErrorObject: { n: 1, updatedExisting: false, upserted: 5 }, value: { _id: 5, n: 1 }, ok: 1 },
  },
  {
    name: 'when findOneAndDelete matches with a sort, then the first by sort is removed and returned',
    setup: seed,
    action: async (db) => ({ got: await db.collection<AnyDoc & Document>('m').findOneAndDelete({ subject: 'water' }, { sort: { n: -1 } }), left: (await all(db)).map((d) => d._id) }),
    result: { got: { _id: 3, subject: 'water', n: 3, items: [], tags: ['y', 'x'] }, left: [1, 2] },
  },
  {
    name: 'when an ordered insert hits a duplicate, then it stops there and reports the write error index',
    setup: (db) => db.collection<AnyDoc & Document>('c').insertOne({ _id: 2 }),
    action: async (db) => {
      const r = await db.command({ insert: 'c', documents: [{ _id: 1 }, { _id: 2 }, { _id: 3 }], ordered: true });
      const [e] = r.writeErrors as Document[];
      return { n: r.n, index: e.index, code: e.code, message: /E11000 duplicate key error/.test(e.errmsg), count: await db.collection<AnyDoc & Document>('c').countDocuments() };
    },
    result: { n: 1, index: 1, code: 11000, message: true, count: 2 },
  },
  {
    name: 'when an unordered insert hits duplicates, then the others are still inserted',
    setup: (db) => db.collection<AnyDoc & Document>('c').insertOne({ _id: 2 }),
    action: async (db) => {
      const r = await db.command({ insert: 'c', documents: [{ _id: 1 }, { _id: 2 }, { _id: 3 }, { _id: 1 }], ordered: false });
      return { n: r.n, errors: r.writeErrors.map((e: Document) => [e.index, e.code]), count: await db.collection<AnyDoc & Document>('c').countDocuments() };
    },
    result: { n: 2, errors: [[1, 11000], [3, 11000]], count: 3 },
  },
  {
    name: 'when an update would make a document larger than 16 MiB, then it fails with 17419 and the document stays as it was',
    setup: (db) => db.collection<AnyDoc & Document>('big').insertOne({ _id: 1, a: 'a'.repeat(9 * MIB) }),
    action: async (db) => {
      const big = db.collection<AnyDoc & Document>('big');
      // A pipeline copies the 9 MiB field: the command stays small, the result is 18 MiB.
      const error = await big.updateOne({ _id: 1 }, [{ $set: { b: '$a' } }]).then(() => null, (e: Document) => ({ code: e.code, message: e.message }));
      const stored = await big.findOne({ _id: 1 });
      return { error, fields: Object.keys(stored ?? {}), length: (stored?.a as string).length };
    },
    result: { error: { code: 17419, message: `Resulting document after update is larger than ${16 * MIB}` }, fields: ['_id', 'a'], length: 9 * MIB },
  },
  {
    name: 'when findAndModify would make a document larger than 16 MiB, then it fails with 17419 and changes nothing',
    setup: (db) => db.collection<AnyDoc & Document>('big').insertOne({ _id: 1, a: 'a'.repeat(9 * MIB) }),
    action: (db) => db.collection<AnyDoc & Document>('big').findOneAndUpdate({ _id: 1 }, [{ $set: { b: '$a' } }]),
    error: { code: 17419, message: /Resulting document after update is larger than 16777216/ },
    same: code,
  },
  {
    name: 'when an upsert would insert a document larger than 16 MiB, then it fails with 17420 and inserts nothing',
    action: async (db) => {
      const big = db.collection<AnyDoc & Document>('big');
      const error = await big.updateOne({ _id: 2 }, [{ $set: { a: { $literal: 'a'.repeat(9 * MIB) } } }, { $set: { b: '$a' } }], { upsert: true }).then(() => null, (e: Document) => e.code);
      return { error, count: await big.countDocuments() };
    },
    result: { error: 17420, count: 0 },
  },
  {
    name: 'when a document to insert is one byte over 16 MiB, then the insert fails and stores nothing; one of exactly 16 MiB is stored and read back',
    action: async (db) => {
      const big = db.collection<AnyDoc & Document>('big');
      // `{ _id: 1, a: "…" }` holds 4 + 1 + 4 + 4 + 1 + 2 + 4 + length + 1 + 1 bytes.
      const error = await big.insertOne({ _id: 1, a: 'a'.repeat(16 * MIB - 22 + 1) }).then(() => null, (e: Document) => ({ code: e.code, message: e.message }));
      const count = await big.countDocuments();
      await big.insertOne({ _id: 2, a: 'a'.repeat(16 * MIB - 22) });
      const stored = await big.findOne({ _id: 2 });
      return { error, count, length: (stored?.a as string).length };
    },
    result: { error: { code: 2, message: `object to insert too large. size in bytes: ${16 * MIB + 1}, max size: ${16 * MIB}` }, count: 0, length: 16 * MIB - 22 },
  },
  {
    name: 'when a bulkWrite mixes operations, then the driver result counts each kind',
    setup: seed,
    action: async (db) => {
      const r = await db.collection<AnyDoc & Document>('m').bulkWrite([
        { insertOne: { document: { _id: 10 } } },
        { updateOne: { filter: { _id: 1 }, update: { $set: { n: 0 } } } },
        { deleteOne: { filter: { _id: 2 } } },
        { replaceOne: { filter: { _id: 11 }, replacement: { x: 1 }, upsert: true } },
      ]);
      const { ok, insertedCount, matchedCount, modifiedCount, deletedCount, upsertedCount, insertedIds, upsertedIds } = r;
      return { ok, insertedCount, matchedCount, modifiedCount, deletedCount, upsertedCount, insertedIds, upsertedIds };
    },
    result: {
      ok: 1, insertedCount: 1, matchedCount: 1, modifiedCount: 1, deletedCount: 1, upsertedCount: 1,
      insertedIds: { 0: 10 }, upsertedIds: { 3: 11 },
    },
  },
  {
    name: 'when array filters do not fit the update, then each refusal names the identifier and nothing changes',
    setup: seed,
    action: async (db) => {
      const m = db.collection<AnyDoc & Document>('m');
      const refusal = (update: Document, arrayFilters?: Document[]) =>
        m.updateOne({ _id: 1 }, update, arrayFilters ? { arrayFilters } : {}).then(() => null, (e: Document) => ({ code: e.code, message: e.message }));
      return {
        unused: await refusal({ $set: { 'items.$[e].v': 9 } }, [{ 'e.k': 'a' }, { f: 2 }]),
        missing: await refusal({ $set: { 'items.$[e].v': 9 } }),
        twice: await refusal({ $set: { 'items.$[e].v': 9 } }, [{ 'e.k': 'a' }, { 'e.k': 'b' }]),
        twoNames: await refusal({ $set: { 'items.$[e].v': 9 } }, [{ 'e.k': 'a', f: 1 }]),
        first: await refusal({ $set: { '$[e]': 9 } }, [{ e: 1 }]),
        renamed: await refusal({ $rename: { 'items.$[]': 'other' } }),
        doc: await m.findOne({ _id: 1 }),
      };
    },
    result: {
      unused: { code: 9, message: "The array filter for identifier 'f' was not used in the update { $set: { items.$[e].v: 9 } }" },
      missing: { code: 2, message: "No array filter found for identifier 'e' in path 'items.$[e].v'" },
      twice: { code: 9, message: 'Found multiple array filters with the same top-level field name e' },
      twoNames: { code: 9, message: "Error parsing array filter :: caused by :: Expected a single top-level field name, found 'e' and 'f'" },
      first: { code: 2, message: "Cannot have array filter identifier (i.e. '$[<id>]') element in the first position in path '$[e]'" },
      renamed: { code: 2, message: 'The source field for $rename may not be dynamic: items.$[]' },
      doc: { _id: 1, subject: 'water', n: 1, items: [{ k: 'a', v: 1 }, { k: 'b', v: 5 }], tags: ['x'] },
    },
  },
  {
    name: 'when an array update meets a missing field or one that is not an array, then it fails with 2 and changes nothing',
    setup: seed,
    action: async (db) => {
      const m = db.collection<AnyDoc & Document>('m');
      const refusal = (filter: Document, update: Document, options = {}) => m.updateOne(filter, update, options).then(() => null, (e: Document) => ({ code: e.code, message: e.message }));
      return {
        missingPath: await refusal({ _id: 2 }, { $set: { 'list.$[e]': 0 } }, { arrayFilters: [{ e: 1 }] }),
        notArray: await refusal({ _id: 1 }, { $inc: { 'n.$[]': 1 } }),
        push: await refusal({ _id: 1 }, { $push: { n: 2 } }),
        addToSet: await refusal({ _id: 1 }, { $addToSet: { subject: 'x' } }),
        pull: await refusal({ _id: 1 }, { $pull: { n: 1 } }),
        pop: await refusal({ _id: 1 }, { $pop: { subject: 1 } }),
        all: await all(db),
      };
    },
    result: {
      missingPath: { code: 2, message: "The path 'list' must exist in the document in order to apply array updates." },
      notArray: { code: 2, message: 'Cannot apply array updates to non-array element n: 1' },
      push: { code: 2, message: "The field 'n' must be an array but is of type int in document {_id: 1}" },
      addToSet: { code: 2, message: "Cannot apply $addToSet to non-array field. Field named 'subject' has non-array type string" },
      pull: { code: 2, message: 'Cannot apply $pull to a non-array value' },
      pop: { code: 14, message: "Path 'subject' contains an element of non-array type 'string'" },
      all: SEEDED,
    },
  },
  {
    name: 'when a path runs through a value that holds no fields, then making it fails with 28, unsetting it does nothing, and an empty path is 56',
    setup: seed,
    action: async (db) => {
      const m = db.collection<AnyDoc & Document>('m');
      const refusal = (update: Document) => m.updateOne({ _id: 1 }, update).then((r) => r.modifiedCount, (e: Document) => ({ code: e.code, message: e.message }));
      return {
        throughNumber: await refusal({ $set: { 'n.deep': 1 } }),
        throughArray: await refusal({ $inc: { 'items.v': 1 } }),
        upsertThrough: await m.updateOne({ _id: 7, n: 5 }, { $set: { 'n.x': 1 } }, { upsert: true }).then(() => null, (e: Document) => e.code),
        unsetThrough: await refusal({ $unset: { 'n.deep': '' } }),
        renameMissing: await refusal({ $rename: { absent: 'n.deep' } }),
        renameThrough: await refusal({ $rename: { subject: 'n.deep' } }),
        empty: await refusal({ $set: { '': 1 } }),
        emptyPart: await refusal({ $set: { 'items..v': 1 } }),
        all: await all(db),
      };
    },
    result: {
      throughNumber: { code: 28, message: "Cannot create field 'deep' in element {n: 1}" },
      throughArray: { code: 28, message: "Cannot create field 'v' in element {items: [ { k: \"a\", v: 1 }, { k: \"b\", v: 5 } ]}" },
      upsertThrough: 28,
      unsetThrough: 0,
      renameMissing: 0,
      renameThrough: { code: 28, message: "Cannot create field 'deep' in element {n: 1}" },
      empty: { code: 56, message: 'An empty update path is not valid.' },
      emptyPart: { code: 56, message: "The update path 'items..v' contains an empty field name, which is not allowed." },
      all: SEEDED,
    },
  },
  {
    name: 'when findAndModify meets the same refusals, then it fails with the same codes and changes nothing',
    setup: seed,
    action: async (db) => {
      const m = db.collection<AnyDoc & Document>('m');
      const code = (p: Promise<unknown>) => p.then(() => null, (e: Document) => e.code);
      return {
        unused: await code(m.findOneAndUpdate({ _id: 1 }, { $set: { n: 5 } }, { arrayFilters: [{ e: 1 }] })),
        push: await code(m.findOneAndUpdate({ _id: 1 }, { $push: { subject: 'x' } } as Document)),
        through: await code(m.findOneAndUpdate({ _id: 1 }, { $set: { 'subject.x': 1 } })),
        doc: await m.findOne({ _id: 1 }),
      };
    },
    result: { unused: 9, push: 2, through: 28, doc: { _id: 1, subject: 'water', n: 1, items: [{ k: 'a', v: 1 }, { k: 'b', v: 5 }], tags: ['x'] } },
  },
  {
    name: 'when $pull takes a document condition, then it pulls the matching documents and leaves the elements that are not documents',
    setup: (db) => db.collection<AnyDoc & Document>('m').insertOne({ _id: 1, list: [{ x: 1 }, { x: 2, y: 2 }, 5, 'x', [2], { x: 3 }] }),
    action: async (db) => {
      await db.collection<AnyDoc & Document>('m').updateOne({ _id: 1 }, { $pull: { list: { x: { $gte: 2 } } } } as Document);
      return db.collection<AnyDoc & Document>('m').findOne({ _id: 1 });
    },
    result: { _id: 1, list: [{ x: 1 }, 5, 'x', [2]] },
  },
  {
    name: 'when $currentDate asks for a date or a timestamp, then the field holds that BSON type',
    setup: (db) => db.collection<AnyDoc & Document>('m').insertOne({ _id: 1 }),
    action: async (db) => {
      await db.collection<AnyDoc & Document>('m').updateOne({ _id: 1 }, { $currentDate: { date: true, typed: { $type: 'date' }, stamp: { $type: 'timestamp' } } } as Document);
      const doc = await db.collection<AnyDoc & Document>('m').findOne({ _id: 1 });
      const types = await db.collection<AnyDoc & Document>('m').aggregate([{ $project: { _id: 0, date: { $type: '$date' }, typed: { $type: '$typed' }, stamp: { $type: '$stamp' } } }]).toArray();
      return { types, recent: Math.abs((doc!.date as Date).getTime() - Date.now()) < 60_000 };
    },
    result: { types: [{ date: 'date', typed: 'date', stamp: 'timestamp' }], recent: true },
  },
  {
    name: 'when $currentDate sets timestamps in many documents and again at once, then each write gets its own, later than the one before, both fields of one write the same',
    setup: (db) => db.collection<AnyDoc & Document>('m').insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]),
    action: async (db) => {
      const m = db.collection<AnyDoc & Document>('m');
      await m.updateMany({}, { $currentDate: { a: { $type: 'timestamp' }, b: { $type: 'timestamp' } } } as Document);
      const first = await m.find({}).toArray();
      await m.updateOne({ _id: 2 }, { $currentDate: { a: { $type: 'timestamp' } } } as Document);
      const again = (await m.findOne({ _id: 2 }))!;
      const stamp = (value: unknown) => `${(value as Timestamp).t}.${(value as Timestamp).i}`;
      const order = (x: Timestamp, y: Timestamp) => x.t - y.t || x.i - y.i;
      const latest = first.map((d) => d.a as Timestamp).reduce((x, y) => (order(x, y) > 0 ? x : y));
      return {
        distinct: new Set(first.map((d) => stamp(d.a))).size,
        paired: first.every((d) => stamp(d.a) === stamp(d.b)),
        later: order(again.a as Timestamp, latest) > 0,
      };
    },
    result: { distinct: 3, paired: true, later: true },
  },
]);
