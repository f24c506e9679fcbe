import type { Db } from 'mongodb';
import { type AnyDoc, conformance } from './harness.js';

const seed = async (db: Db) => {
  await db.collection<AnyDoc>('meetings').insertMany([
    { _id: 1, official: 'A', inst: 'x', hours: 2, tags: ['water', 'mining'] },
    { _id: 2, official: 'B', inst: 'x', hours: 1, tags: ['water'] },
    { _id: 3, official: 'A', inst: 'y', hours: 4, tags: [] },
    { _id: 4, official: 'C', inst: 'y', hours: 3, tags: ['fishing'] },
  ]);
  await db.collection<AnyDoc>('officials').insertMany([
    { _id: 'A', name: 'Ana' },
    { _id: 'B', name: 'Bruno' },
  ]);
};
const agg = (pipeline: object[]) => (db: Db) => db.collection<AnyDoc>('meetings').aggregate(pipeline as never[]).toArray();

conformance('aggregate', [
  { name: 'when $match and $project run, then fields are computed', setup: seed, action: agg([{ $match: { inst: 'x' } }, { $project: { _id: 1, double: { $multiply: ['$hours', 2] } } }]), result: [{ _id: 1, double: 4 }, { _id: 2, double: 2 }] },
  { name: 'when $addFields and $set add fields, then the rest is kept', setup: seed, action: agg([{ $match: { _id: 2 } }, { $addFields: { a: 1 } }, { $set: { b: '$official' } }]), result: [{ _id: 2, official: 'B', inst: 'x', hours: 1, tags: ['water'], a: 1, b: 'B' }] },
  { name: 'when $unset removes fields, then they are gone', setup: seed, action: agg([{ $match: { _id: 3 } }, { $unset: ['tags', 'inst'] }]), result: [{ _id: 3, official: 'A', hours: 4 }] },
  { name: 'when $group sums and counts with $sort, then totals per key come back', setup: seed, action: agg([{ $group: { _id: '$official', total: { $sum: '$hours' }, n: { $sum: 1 }, insts: { $addToSet: '$inst' } } }, { $sort: { _id: 1 } }, { $project: { total: 1, n: 1, k: { $size: '$insts' } } }]), result: [{ _id: 'A', total: 6, n: 2, k: 2 }, { _id: 'B', total: 1, n: 1, k: 1 }, { _id: 'C', total: 3, n: 1, k: 1 }] },
  { name: 'when $group uses _id null with $avg, $min, $max, $push, then one summary comes back', setup: seed, action: agg([{ $sort: { _id: 1 } }, { $group: { _id: null, avg: { $avg: '$hours' }, min: { $min: '$hours' }, max: { $max: '$hours' }, all: { $push: '$_id' }, first: { $first: '$official' } } }]), result: [{ _id: null, avg: 2.5, min: 1, max: 4, all: [1, 2, 3, 4], first: 'A' }] },
  { name: 'when $sort, $skip and $limit page the results, then the page is right', setup: seed, action: agg([{ $sort: { hours: -1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }]), result: [{ _id: 4 }, { _id: 1 }] },
  { name: 'when $unwind runs, then empty arrays drop out', setup: seed, action: agg([{ $unwind: '$tags' }, { $project: { tags: 1 } }]), result: [{ _id: 1, tags: 'water' }, { _id: 1, tags: 'mining' }, { _id: 2, tags: 'water' }, { _id: 4, tags: 'fishing' }] },
  { name: 'when $unwind keeps empty arrays with an index, then they appear with null index', setup: seed, action: agg([{ $match: { _id: { $in: [1, 3] } } }, { $unwind: { path: '$tags', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true } }, { $project: { tags: 1, i: 1 } }]), result: [{ _id: 1, tags: 'water', i: 0 }, { _id: 1, tags: 'mining', i: 1 }, { _id: 3, i: null }] },
  { name: 'when $lookup joins by fields, then matches are embedded as an array', setup: seed, action: agg([{ $match: { _id: { $in: [1, 4] } } }, { $lookup: { from: 'officials', localField: 'official', foreignField: '_id', as: 'who' } }, { $project: { who: 1 } }]), result: [{ _id: 1, who: [{ _id: 'A', name: 'Ana' }] }, { _id: 4, who: [] }] },
  { name: 'when $lookup uses let and a pipeline, then the sub-pipeline filters by the variables', setup: seed, action: agg([{ $match: { _id: 2 } }, { $lookup: { from: 'officials', let: { o: '$official' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$o'] } } }, { $project: { _id: 0, name: 1 } }], as: 'who' } }, { $project: { who: 1 } }]), result: [{ _id: 2, who: [{ name: 'Bruno' }] }] },
  { name: 'when $facet runs two pipelines, then both results come back in one document', setup: seed, action: agg([{ $facet: { n: [{ $count: 'n' }], top: [{ $sort: { hours: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }] } }]), result: [{ n: [{ n: 4 }], top: [{ _id: 3 }] }] },
  { name: 'when $count runs, then one document holds the count', setup: seed, action: agg([{ $match: { inst: 'y' } }, { $count: 'total' }]), result: [{ total: 2 }] },
  { name: 'when $replaceRoot promotes a subdocument, then it becomes the document', setup: seed, action: agg([{ $match: { _id: 1 } }, { $replaceRoot: { newRoot: { who: '$official', h: '$hours' } } }]), result: [{ who: 'A', h: 2 }] },
  { name: 'when $sortByCount runs, then groups come back by descending count', setup: seed, action: agg([{ $sortByCount: '$official' }, { $match: { count: { $gt: 1 } } }]), result: [{ _id: 'A', count: 2 }] },
  { name: 'when $bucket runs, then documents fall into the boundaries with a default', setup: seed, action: agg([{ $bucket: { groupBy: '$hours', boundaries: [0, 2, 4], default: 'more', output: { n: { $sum: 1 } } } }]), result: [{ _id: 0, n: 1 }, { _id: 2, n: 2 }, { _id: 'more', n: 1 }] },
  { name: 'when an unknown stage is used, then it fails with code 40324', setup: seed, action: agg([{ $nope: {} }]), error: { code: 40324 } },
  { name: 'when aggregate uses a cursor batchSize, then the first batch is limited', setup: seed, action: async (db) => { const r = await db.command({ aggregate: 'meetings', pipeline: [], cursor: { batchSize: 3 } }); return r.cursor.firstBatch.length; }, result: 3 },
  {
    name: 'when $lookup has fields and a pipeline, then the pipeline runs on the matching documents alone, with let',
    setup: seed,
    action: agg([
      { $match: { _id: { $in: [1, 2, 4] } } },
      { $lookup: { from: 'officials', localField: 'official', foreignField: '_id', let: { h: '$hours' }, pipeline: [{ $project: { _id: 0, name: 1, hours: '$$h' } }], as: 'who' } },
      { $project: { who: 1 } },
    ]),
    result: [{ _id: 1, who: [{ name: 'Ana', hours: 2 }] }, { _id: 2, who: [{ name: 'Bruno', hours: 1 }] }, { _id: 4, who: [] }],
  },
  {
    name: 'when fields are kept or computed, then _id comes first, kept fields in the document order, computed ones in the projection order',
    setup: seed,
    action: async (db) => {
      const keysOf = async (pipeline: object[]) => Object.keys((await agg([{ $match: { _id: 1 } }, ...pipeline])(db))[0]);
      return {
        kept: await keysOf([{ $project: { tags: 1, hours: 1, official: 1 } }]),
        computed: await keysOf([{ $project: { z: { $literal: 1 }, a: { $literal: 2 } } }]),
        mixed: await keysOf([{ $project: { z: { $literal: 1 }, inst: 1, official: 1 } }]),
        find: Object.keys((await db.collection<AnyDoc>('meetings').findOne({ _id: 1 }, { projection: { tags: 1, official: 1 } }))!),
        excluded: await keysOf([{ $project: { hours: 0 } }]),
      };
    },
    result: {
      kept: ['_id', 'official', 'hours', 'tags'],
      computed: ['_id', 'z', 'a'],
      mixed: ['_id', 'official', 'inst', 'z'],
      find: ['_id', 'official', 'tags'],
      excluded: ['_id', 'official', 'inst', 'tags'],
    },
  },
  {
    name: 'when an expression cannot be evaluated, then the pipeline fails as MongoDB fails it instead of answering null',
    setup: seed,
    action: async (db) => {
      const failure = (expression: object) => agg([{ $match: { _id: 2 } }, { $project: { x: expression } }])(db).then(() => null, (e: { code: number; message: string }) => ({ code: e.code, message: e.message }));
      const divide = await failure({ $divide: ['$hours', 0] });
      return {
        modZero: await failure({ $mod: ['$hours', 0] }),
        divideZero: divide?.message,
        sizeMissing: await failure({ $size: '$nothing' }),
        sizeString: await failure({ $size: '$official' }),
        concatNumber: (await failure({ $concat: ['a', '$hours'] }))?.code,
        switchNoMatch: await failure({ $switch: { branches: [{ case: { $eq: ['$hours', 99] }, then: 1 }] } }),
        dateString: (await failure({ $dateFromString: { dateString: 'not a date' } }))?.code,
        convert: (await failure({ $toInt: 'abc' }))?.code,
        convertOnError: await agg([{ $match: { _id: 2 } }, { $project: { _id: 0, x: { $convert: { input: 'abc', to: 'int', onError: -1 } } } }])(db),
        replaceRoot: (await agg([{ $replaceRoot: { newRoot: '$nothing' } }])(db).then(() => null, (e: { code: number }) => e.code)),
      };
    },
    result: {
      modZero: { code: 16610, message: "can't $mod by zero" },
      divideZero: "can't $divide by zero",
      sizeMissing: { code: 17124, message: 'The argument to $size must be an array. Type of argument: missing' },
      sizeString: { code: 17124, message: 'The argument to $size must be an array. Type of argument: string' },
      concatNumber: 16702,
      switchNoMatch: { code: 40066, message: '$switch could not find a matching branch for an input, and no default was specified.' },
      dateString: 241,
      convert: 241,
      convertOnError: [{ x: -1 }],
      replaceRoot: 40228,
    },
  },
  {
    name: 'when $merge writes results into a collection, then it merges, replaces, keeps, updates through a pipeline or inserts as asked',
    setup: async (db) => {
      await seed(db);
      await db.collection<AnyDoc>('totals').insertMany([{ _id: 'A', hours: 100, note: 'kept' }, { _id: 'Z', hours: 1 }]);
    },
    action: async (db) => {
      const byOfficial = { $group: { _id: '$official', hours: { $sum: '$hours' } } };
      const totals = () => db.collection<AnyDoc>('totals').find({}, { sort: { _id: 1 } }).toArray();
      const merged = { cursor: await agg([byOfficial, { $merge: { into: 'totals' } }])(db), totals: await totals() };
      await agg([byOfficial, { $merge: { into: 'totals', whenMatched: [{ $set: { hours: { $add: ['$hours', '$$new.hours'] } } }], whenNotMatched: 'discard' } }])(db);
      const piped = await totals();
      await agg([byOfficial, { $match: { _id: 'A' } }, { $merge: { into: 'totals', whenMatched: 'replace' } }])(db);
      const replaced = await totals();
      await agg([byOfficial, { $merge: { into: 'totals', whenMatched: 'keepExisting' } }])(db);
      return { merged, piped, replaced, kept: await totals() };
    },
    result: {
      merged: { cursor: [], totals: [{ _id: 'A', hours: 6, note: 'kept' }, { _id: 'B', hours: 1 }, { _id: 'C', hours: 3 }, { _id: 'Z', hours: 1 }] },
      piped: [{ _id: 'A', hours: 12, note: 'kept' }, { _id: 'B', hours: 2 }, { _id: 'C', hours: 6 }, { _id: 'Z', hours: 1 }],
      replaced: [{ _id: 'A', hours: 6 }, { _id: 'B', hours: 2 }, { _id: 'C', hours: 6 }, { _id: 'Z', hours: 1 }],
      kept: [{ _id: 'A', hours: 6 }, { _id: 'B', hours: 2 }, { _id: 'C', hours: 6 }, { _id: 'Z', hours: 1 }],
    },
  },
  {
    name: 'when $merge matches on a uniquely indexed field, then it matches by it; without such an index, or misplaced, or unmatched with fail, it is refused',
    setup: async (db) => {
      await seed(db);
      await db.collection<AnyDoc>('names').createIndex({ code: 1 }, { unique: true });
      await db.collection<AnyDoc>('names').insertOne({ _id: 1, code: 'A', name: 'old' });
    },
    action: async (db) => {
      const code = (pipeline: object[]) => agg(pipeline)(db).then(() => null, (e: { code: number }) => e.code);
      await db.collection<AnyDoc>('officials').aggregate([{ $project: { _id: 0, code: '$_id', name: 1 } }, { $merge: { into: 'names', on: 'code' } }]).toArray();
      const names = (await db.collection<AnyDoc>('names').find({}, { sort: { code: 1 } }).toArray()).map((d) => [d.code, d.name, d._id === 1]);
      return {
        names,
        noIndex: await code([{ $merge: { into: 'names', on: 'official' } }]),
        notLast: await code([{ $merge: 'names' }, { $match: {} }]),
        unmatched: await code([{ $match: { _id: 1 } }, { $merge: { into: 'nobody', whenNotMatched: 'fail' } }]),
        onMissing: await code([{ $project: { _id: 0, hours: 1 } }, { $merge: { into: 'names', on: 'code' } }]),
      };
    },
    result: { names: [['A', 'Ana', true], ['B', 'Bruno', false]], noIndex: 51183, notLast: 40601, unmatched: 13113, onMissing: 51132 },
  },
  {
    name: 'when $setWindowFields sums over a window of documents, then each document gets its running total within its partition',
    setup: seed,
    action: agg([
      { $setWindowFields: { partitionBy: '$inst', sortBy: { _id: 1 }, output: { running: { $sum: '$hours', window: { documents: ['unbounded', 'current'] } } } } },
      { $project: { _id: 1, running: 1 } },
      { $sort: { _id: 1 } },
    ]),
    result: [{ _id: 1, running: 2 }, { _id: 2, running: 3 }, { _id: 3, running: 4 }, { _id: 4, running: 7 }],
  },
  {
    name: 'when $bucketAuto splits values into buckets, then each bucket gives _id first with its bounds, then its count',
    setup: seed,
    action: async (db) => {
      const buckets = await agg([{ $bucketAuto: { groupBy: '$hours', buckets: 2 } }])(db);
      return { buckets, keys: Object.keys(buckets[0]) };
    },
    result: { buckets: [{ _id: { min: 1, max: 3 }, count: 2 }, { _id: { min: 3, max: 4 }, count: 2 }], keys: ['_id', 'count'] },
  },
  {
    name: 'when $bucket has no default and a value falls outside every boundary, then it fails with 40066',
    setup: seed,
    action: agg([{ $bucket: { groupBy: '$hours', boundaries: [0, 3] } }]),
    error: { code: 40066 },
  },
  { name: 'when $group has no _id, then it fails with code 15955', setup: seed, action: agg([{ $group: { n: { $sum: 1 } } }]), error: { code: 15955 } },
  {
    name: 'when a stage is malformed, then the pipeline fails before it runs, with the code MongoDB gives for that stage',
    setup: seed,
    action: async (db) => {
      const code = (pipeline: object[]) => agg(pipeline)(db).then(() => null, (e: { code: number }) => e.code);
      return {
        groupOperator: await code([{ $group: { _id: null, n: { $foo: 1 } } }]),
        groupField: await code([{ $group: { _id: null, n: 1 } }]),
        groupDotted: await code([{ $group: { _id: null, 'a.b': { $sum: 1 } } }]),
        projectEmpty: await code([{ $project: {} }]),
        projectMixed: await code([{ $project: { official: 1, hours: 0 } }]),
        limitZero: await code([{ $limit: 0 }]),
        limitText: await code([{ $limit: 'ten' }]),
        skipNegative: await code([{ $skip: -1 }]),
        sortEmpty: await code([{ $sort: {} }]),
        sortDirection: await code([{ $sort: { hours: 2 } }]),
        unwindPath: await code([{ $unwind: 'tags' }]),
        countEmpty: await code([{ $count: '' }]),
        countDollar: await code([{ $count: '$n' }]),
        countDot: await code([{ $count: 'a.b' }]),
        sortByCount: await code([{ $sortByCount: 'official' }]),
        addFieldsDollar: await code([{ $addFields: { $x: 1 } }]),
        facetEmpty: await code([{ $facet: {} }]),
        facetOut: await code([{ $facet: { a: [{ $out: 'x' }] } }]),
        bucketOrder: await code([{ $bucket: { groupBy: '$hours', boundaries: [3, 1] } }]),
        expression: await code([{ $project: { x: { $foo: 1 } } }]),
        lookupOut: await code([{ $lookup: { from: 'officials', pipeline: [{ $out: 'x' }], as: 'o' } }]),
        lookupInner: await code([{ $lookup: { from: 'officials', pipeline: [{ $limit: 0 }], as: 'o' } }]),
      };
    },
    result: {
      groupOperator: 15952, groupField: 40234, groupDotted: 40235, projectEmpty: 51272, projectMixed: 31254, limitZero: 15958, limitText: 15957,
      skipNegative: 15956, sortEmpty: 15976, sortDirection: 15975, unwindPath: 28818, countEmpty: 40156, countDollar: 40158, countDot: 40160,
      sortByCount: 40148, addFieldsDollar: 16410, facetEmpty: 40169, facetOut: 40600, bucketOrder: 40194, expression: 168, lookupOut: 51047, lookupInner: 15958,
    },
  },
  {
    name: 'when $out ends a pipeline, then it answers an empty cursor and replaces the target, whose indexes stay',
    setup: seed,
    action: async (db) => {
      const first = await agg([{ $match: { inst: 'x' } }, { $project: { official: 1 } }, { $out: 'summary' }])(db);
      await db.collection('summary').createIndex({ official: 1 });
      await agg([{ $match: { inst: 'y' } }, { $project: { official: 1 } }, { $out: { db: db.databaseName, coll: 'summary' } }])(db);
      const docs = await db.collection('summary').find({}, { sort: { _id: 1 } }).toArray();
      const indexes = (await db.collection('summary').listIndexes().toArray()).map((index) => index.name as string).sort();
      return { first, docs, indexes };
    },
    result: { first: [], docs: [{ _id: 3, official: 'A' }, { _id: 4, official: 'C' }], indexes: ['_id_', 'official_1'] },
  },
  {
    name: 'when $out would write a document over 16 MiB, then it fails as that insert would (2) and the target stays as it was',
    setup: async (db) => {
      await seed(db);
      await db.collection<AnyDoc>('summary').insertOne({ _id: 'kept' });
    },
    action: async (db) => {
      // `{ _id: 1, a: "…", b: "…" }` holds 30 bytes besides its two strings: two of 8,388,594 make 16 MiB + 2.
      const pipeline = [{ $match: { _id: 1 } }, { $project: { a: { $literal: 'a'.repeat(8_388_594) } } }, { $set: { b: '$a' } }, { $out: 'summary' }];
      const error = await agg(pipeline)(db).then(() => null, (e: { code: number; message: string }) => ({ code: e.code, message: e.message }));
      return { error, kept: await db.collection('summary').find().toArray() };
    },
    result: { error: { code: 2, message: `object to insert too large. size in bytes: ${16 * 1024 * 1024 + 2}, max size: ${16 * 1024 * 1024}` }, kept: [{ _id: 'kept' }] },
  },
]);
