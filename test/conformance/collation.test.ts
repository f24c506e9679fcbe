import type { Db, Document } from 'mongodb';
import { conformance, type Outcome } from './harness.js';

const ES1 = { locale: 'es', strength: 1 };
const ES2 = { locale: 'es', strength: 2 };
const seed = (db: Db) =>
  db.collection('people').insertMany(
    ['Pérez', 'PEREZ', 'perez', 'Peñailillo', 'PEÑAILILLO', 'Penailillo', 'Ñuñoa', 'Nuble', 'Órdenes'].map((n, i) => ({ _id: i + 1, n }) as Document),
  );
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
