import type { Db, Document } from 'mongodb';
import { conformance, type Outcome } from './harness.js';

const ES1 = { locale: 'es', strength: 1 };
const ES2 = { locale: 'es', strength: 2 };
const seedNames = ['Pérez', 'PEREZ', 'perez', 'Peñailillo', 'PEÑAILILLO', 'Penailillo', 'Ñuñoa', 'Nuble', 'Órdenes'];
const seed = (db: Db) => db.collection('people').insertMany(seedNames.map((n, i) => ({ _id: i + 1, n }) as Document));
const people = (db: Db) => db.collection('people');
const ids = (docs: Document[]) => docs.map((d) => d._id);
const code = (o: Outcome) => (o as { error: Document }).error.code;

conformance('collation', [
  {
    name: 'when finding under es strength 1, then Pérez, PEREZ and perez are equal',
    setup: seed,
    action: async (db) => ids(await people(db).find({ n: 'perez' }, { collation: ES1, sort: { _id: 1 } }).toArray()),
    result: [1, 2, 3],
  },
  {
    name: 'when finding under es strength 1, then Peñailillo equals PEÑAILILLO but not Penailillo',
    setup: seed,
    action: async (db) => ({
      enye: ids(await people(db).find({ n: 'peñailillo' }, { collation: ES1, sort: { _id: 1 } }).toArray()),
      plain: ids(await people(db).find({ n: 'penailillo' }, { collation: ES1, sort: { _id: 1 } }).toArray()),
    }),
    result: { enye: [4, 5], plain: [6] },
  },
  {
    name: 'when finding under es strength 2, then case is ignored and accents are not',
    setup: seed,
    action: async (db) => ids(await people(db).find({ n: 'PEREZ' }, { collation: ES2, sort: { _id: 1 } }).toArray()),
    result: [2, 3],
  },
  {
    name: 'when sorting under es, then ñ comes after n and accented letters sort with their base letter',
    setup: seed,
    action: async (db) => (await people(db).find({}, { collation: ES1, sort: { n: 1, _id: 1 } }).toArray()).map((d) => d.n),
    result: ['Nuble', 'Ñuñoa', 'Órdenes', 'Penailillo', 'Peñailillo', 'PEÑAILILLO', 'Pérez', 'PEREZ', 'perez'],
  },
  {
    name: 'when counting, aggregating and taking distinct under es strength 1, then equal names are one',
    setup: seed,
    action: async (db) => ({
      count: await people(db).countDocuments({ n: 'PÉREZ' }, { collation: ES1 }),
      distinct: (await people(db).distinct('n', { _id: { $lte: 3 } } as Document, { collation: ES1 })).length,
      matched: ids(await people(db).aggregate([{ $match: { n: { $gte: 'o', $lt: 'p' } } }, { $project: { _id: 1 } }], { collation: ES1 }).toArray()),
    }),
    result: { count: 3, distinct: 1, matched: [9] },
  },
  {
    name: 'when a unique index has es strength 1, then a name equal under it is a duplicate (11000)',
    setup: async (db) => {
      await people(db).createIndex({ n: 1 }, { unique: true, collation: ES1 });
      await people(db).insertOne({ n: 'Pérez' });
    },
    action: (db) => people(db).insertOne({ n: 'PEREZ' }),
    error: { code: 11000 },
    same: code,
  },
  {
    name: 'when a unique index has es strength 1, then Peñailillo and Penailillo are both accepted',
    setup: (db) => people(db).createIndex({ n: 1 }, { unique: true, collation: ES1 }),
    action: async (db) => {
      await people(db).insertMany([{ n: 'Peñailillo' }, { n: 'Penailillo' }]);
      return people(db).countDocuments();
    },
    result: 2,
  },
  {
    name: 'when the collection has a default collation, then queries use it unless given simple',
    setup: async (db) => {
      await db.createCollection('people', { collation: ES1 });
      await seed(db);
    },
    action: async (db) => ({
      byDefault: await people(db).countDocuments({ n: 'PEREZ' }),
      simple: await people(db).countDocuments({ n: 'PEREZ' }, { collation: { locale: 'simple' } }),
    }),
    result: { byDefault: 3, simple: 1 },
  },
  {
    name: 'when grouping under es strength 1, then names equal under it fall in one group, and the stored documents are left as they were',
    setup: seed,
    action: async (db) => {
      const groups = await people(db).aggregate([{ $group: { _id: '$n', count: { $sum: 1 }, ids: { $push: '$_id' } } }, { $sort: { _id: 1 } }], { collation: ES1 }).toArray();
      // Which spelling a group reports is the server's choice; each must be one of its members'.
      const spelled = groups.every((g) => (g.ids as number[]).some((id) => seedNames[id - 1] === g._id));
      return { groups: groups.map((g) => [g.count, g.ids]), spelled, stored: await people(db).find({}, { sort: { _id: 1 } }).toArray() };
    },
    result: {
      groups: [[1, [8]], [1, [7]], [1, [9]], [1, [6]], [2, [4, 5]], [3, [1, 2, 3]]],
      spelled: true,
      stored: seedNames.map((n, i) => ({ _id: i + 1, n })),
    },
  },
  {
    name: 'when grouping under es strength 2 on a compound key with a number, then case is ignored in its strings, not accents, and numbers compare as numbers',
    setup: (db) => db.collection('visits').insertMany([
      { _id: 1, who: 'Pérez', n: 1 }, { _id: 2, who: 'PÉREZ', n: 1.0 }, { _id: 3, who: 'Perez', n: 1 }, { _id: 4, who: 'pérez', n: 2 },
    ] as Document[]),
    action: async (db) => (await db.collection('visits').aggregate([{ $group: { _id: { who: '$who', n: '$n' }, ids: { $push: '$_id' } } }, { $sort: { ids: 1 } }], { collation: ES2 }).toArray()).map((g) => g.ids),
    result: [[1, 2], [3], [4]],
  },
  {
    name: 'when grouping under es strength 2, then $min and $max compare strings under it and $addToSet keeps one of each equal value',
    setup: (db) => db.collection('words').insertMany(['b', 'a', 'A', 'C', 'c', 'B', 'á', 'Z'].map((w, i) => ({ _id: i + 1, w }) as Document)),
    action: async (db) => {
      const [group] = await db.collection('words').aggregate([{ $group: { _id: null, min: { $min: '$w' }, max: { $max: '$w' }, set: { $addToSet: '$w' } } }], { collation: ES2 }).toArray();
      // Which of the equal values stands for them in the set, and the set's order, are not specified.
      return { min: group.min, max: group.max, set: (group.set as string[]).map((w) => w.toLowerCase()).sort() };
    },
    // The first of 'a' and 'A' met is the least; in binary order the least would be 'A', the greatest 'á', and the set would hold all eight.
    result: { min: 'a', max: 'Z', set: ['a', 'b', 'c', 'z', 'á'] },
  },
  {
    name: 'when grouping under a collation pushes $$ROOT, then each group holds its documents whole and as stored',
    setup: seed,
    action: async (db) =>
      (await people(db).aggregate([{ $match: { _id: { $lte: 5 } } }, { $group: { _id: '$n', docs: { $push: '$$ROOT' } } }, { $sort: { _id: 1 } }], { collation: ES1 }).toArray()).map((g) => g.docs),
    result: [
      [{ _id: 4, n: 'Peñailillo' }, { _id: 5, n: 'PEÑAILILLO' }],
      [{ _id: 1, n: 'Pérez' }, { _id: 2, n: 'PEREZ' }, { _id: 3, n: 'perez' }],
    ],
  },
  {
    name: 'when looking up by equality under es strength 1, then foreign values equal under it match, arrays on either side by element, missing with null',
    setup: async (db) => {
      await db.collection('owners').insertMany([
        { _id: 1, name: 'perez' }, { _id: 2, name: ['ÑUÑOA', 'nobody'] }, { _id: 3 }, { _id: 4, name: 'Penailillo' },
      ] as Document[]);
      await db.collection('cars').insertMany([
        { _id: 10, owner: 'PÉREZ' }, { _id: 11, owner: ['x', 'Ñuñoa'] }, { _id: 12, owner: null }, { _id: 13, owner: 'Peñailillo' }, { _id: 14, owner: 'Perez' }, { _id: 15 },
      ] as Document[]);
    },
    action: async (db) =>
      (await db.collection('owners').aggregate([{ $lookup: { from: 'cars', localField: 'name', foreignField: 'owner', as: 'cars' } }, { $sort: { _id: 1 } }], { collation: ES1 }).toArray())
        .map((o) => [o._id, (o.cars as Document[]).map((c) => c._id)]),
    result: [[1, [10, 14]], [2, [11]], [3, [12, 15]], [4, []]],
  },
  {
    name: 'when looking up by fields and a pipeline under es strength 1, then the pipeline runs on the documents equal under it alone',
    setup: async (db) => {
      await db.collection('owners').insertMany([{ _id: 1, name: 'perez' }, { _id: 2, name: 'Soto' }] as Document[]);
      await db.collection('cars').insertMany([{ _id: 10, owner: 'PÉREZ' }, { _id: 11, owner: 'Muñoz' }, { _id: 12, owner: 'Perez' }] as Document[]);
    },
    action: async (db) =>
      (await db.collection('owners').aggregate([
        { $lookup: { from: 'cars', localField: 'name', foreignField: 'owner', let: { who: '$_id' }, pipeline: [{ $project: { _id: 1, who: '$$who' } }], as: 'cars' } },
        { $sort: { _id: 1 } },
      ], { collation: ES1 }).toArray()).map((o) => [o._id, o.cars]),
    result: [[1, [{ _id: 10, who: 1 }, { _id: 12, who: 1 }]], [2, []]],
  },
  {
    name: 'when comparison expressions meet two strings under es strength 1, then they compare under it; other operands as without one',
    setup: seed,
    action: async (db) =>
      (await people(db).aggregate([
        { $match: { _id: { $in: [1, 4, 6] } } },
        { $project: { _id: 1, eq: { $eq: ['$n', 'perez'] }, ne: { $ne: ['$n', 'perez'] }, lt: { $lt: ['$n', 'Q'] }, cmp: { $cmp: ['$n', 'PENAILILLO'] }, in: { $in: ['$n', ['PÉREZ', 'x']] }, number: { $eq: [1, 1.0] } } },
        { $sort: { _id: 1 } },
      ], { collation: ES1 }).toArray()).map((d) => [d._id, d.eq, d.ne, d.lt, d.cmp, d.in, d.number]),
    result: [[1, true, false, true, 1, true, true], [4, false, true, true, 1, false, true], [6, false, true, true, 0, false, true]],
  },
  {
    name: 'when counting by a field under es strength 1 with $sortByCount, then the biggest collated group comes first',
    setup: seed,
    action: async (db) => (await people(db).aggregate([{ $sortByCount: '$n' }, { $match: { count: { $gt: 1 } } }], { collation: ES1 }).toArray()).map((g) => g.count),
    result: [3, 2],
  },
  {
    name: 'when sorting under es strength 2 by documents and arrays of documents, then the strings inside them compare under it too',
    setup: (db) => db.collection('nested').insertMany([
      { _id: 1, v: { n: 'B' }, w: [{ n: 'B' }] }, { _id: 2, v: { n: 'a' }, w: [{ n: 'a' }] }, { _id: 3, v: { n: 'c' }, w: [{ n: 'c' }] },
    ] as Document[]),
    action: async (db) => ({
      // In binary order 'B' comes before 'a'; under the collation after it.
      byDocument: ids(await db.collection('nested').find({}, { collation: ES2, sort: { v: 1, _id: 1 } }).toArray()),
      byArray: ids(await db.collection('nested').find({}, { collation: ES2, sort: { w: -1, _id: 1 } }).toArray()),
      binary: ids(await db.collection('nested').find({}, { sort: { v: 1, _id: 1 } }).toArray()),
    }),
    result: { byDocument: [2, 1, 3], byArray: [3, 1, 2], binary: [1, 2, 3] },
  },
  {
    name: 'when matching a whole document under es strength 1, then the strings inside it compare under it',
    setup: (db) => db.collection('nested').insertMany([{ _id: 1, v: { n: 'Pérez' } }, { _id: 2, v: { n: 'Soto' } }, { _id: 3, v: ['x', 'PEREZ'] }] as Document[]),
    action: async (db) => ({
      document: ids(await db.collection('nested').find({ v: { n: 'PEREZ' } }, { collation: ES1, sort: { _id: 1 } }).toArray()),
      range: ids(await db.collection('nested').find({ v: { $gt: { n: 'r' } } }, { collation: ES1, sort: { _id: 1 } }).toArray()),
    }),
    result: { document: [1], range: [2] },
  },
  {
    name: 'when a unique index has es strength 1, then documents whose strings inside are equal under it are duplicates (11000)',
    setup: async (db) => {
      await db.collection('nested').createIndex({ v: 1 }, { unique: true, collation: ES1 });
      await db.collection('nested').insertOne({ v: { n: 'Pérez', tags: ['Ñuñoa'] } });
    },
    action: (db) => db.collection('nested').insertOne({ v: { n: 'PEREZ', tags: ['ñuñoa'] } }),
    error: { code: 11000 },
    same: code,
  },
  {
    name: 'when an index has es strength 1, then a query with that collation uses it and a binary one does not',
    setup: async (db) => {
      await seed(db);
      await people(db).createIndex({ n: 1 }, { collation: ES1, name: 'n_es' });
    },
    action: async (db) => {
      const withIt = await people(db).find({ n: 'perez' }, { collation: ES1 }).explain();
      const without = await people(db).find({ n: 'perez' }).explain();
      const stage = (e: Document) => e.queryPlanner.winningPlan.inputStage?.indexName ?? e.queryPlanner.winningPlan.stage;
      return { withIt: stage(withIt), without: stage(without) };
    },
    result: { withIt: 'n_es', without: 'COLLSCAN' },
  },
]);
