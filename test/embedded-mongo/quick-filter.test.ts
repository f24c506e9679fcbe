import { expect } from 'chai';
import { Decimal128, ObjectId, type Document } from 'bson';
import { compileFilter, fullFilter } from '../../src/embedded-mongo/query/mingo.js';
import { quickFilter, UNSURE } from '../../src/embedded-mongo/query/quick-filter.js';
import { startWithClient, stopAll, type Running } from './support.js';

interface Quick {
  _id: number;
  official: string | string[];
  eventAt?: string | Date;
  status?: string;
}

/** Values a field may hold: scalars of each type and edge, arrays of them, and values only the full matcher reads. */
const VALUES: unknown[] = [
  undefined,
  null,
  '',
  'a',
  'b',
  'ab',
  'A',
  'Peñailillo',
  '2019-06-01T12:00:00.000Z',
  '\u{1F600}',
  '\uFFFD',
  '1',
  0,
  -0,
  1,
  1.5,
  2,
  -3,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  ['a', 'b'],
  ['b', null],
  [1, 'a', true],
  [[1], 'a'],
  [{ x: 1 }],
  [-0],
  [Number.NaN],
  { x: 1 },
  new Date('2019-06-01T12:00:00.000Z'),
  new ObjectId('64b7f0c2a1b2c3d4e5f60718'),
  Decimal128.fromString('1'),
];

const OPERANDS: unknown[] = ['', 'a', 'ab', 'Peñailillo', '2019-01-01', '\uFFFD', '1', 0, 1, 1.5, -3, Number.POSITIVE_INFINITY, true, false];

function filters(): Document[] {
  const out: Document[] = [];
  for (const operand of OPERANDS) {
    out.push({ f: operand });
    for (const operator of ['$eq', '$ne']) out.push({ f: { [operator]: operand } });
    if (typeof operand !== 'boolean') for (const operator of ['$gt', '$gte', '$lt', '$lte']) out.push({ f: { [operator]: operand } });
  }
  for (const list of [[], ['a'], ['a', 1, true], ['ab', 'b', 2], [false, -3]]) {
    out.push({ f: { $in: list } }, { f: { $nin: list } });
  }
  out.push({ f: { $gte: 'a', $lt: 'b' } }, { f: { $gt: 0, $lte: 2 } }, { $and: [{ f: { $ne: 'b' } }, { f: { $in: ['a', 'ab', 1] } }] });
  return out;
}

describe('embedded engine: quick filters', () => {
  it('when a filter of equalities, $in, $nin, $ne and ranges meets any value, then it answers as the full matcher does', () => {
    let checked = 0;
    let decided = 0;
    for (const filter of filters()) {
      const quick = quickFilter(filter);
      expect(quick, JSON.stringify(filter)).to.not.equal(undefined);
      const full = fullFilter(filter);
      const compiled = compileFilter(filter);
      for (const value of VALUES) {
        for (const doc of [value === undefined ? { other: 1 } : { f: value }, { f: value, g: 'x' }]) {
          const expected = full.test(doc);
          const answer = quick!(doc);
          if (answer !== UNSURE) {
            decided++;
            expect(answer === 1, `${JSON.stringify(filter)} on ${String(value)}`).to.equal(expected);
          }
          expect(compiled.test(doc), `${JSON.stringify(filter)} on ${String(value)}`).to.equal(expected);
          checked++;
        }
      }
    }
    expect(checked).to.be.greaterThan(3_000);
    // Most answers come without the full matcher: every scalar and array of scalars.
    expect(decided / checked).to.be.greaterThan(0.6);
  });

  it('when a filter on two fields and nested $and meets documents, then the conjunction answers as the full matcher does', () => {
    const filter = { $and: [{ official: 'AB001' }, { $and: [{ eventAt: { $gte: '2019-01-01', $lt: '2020-01-01' } }] }], status: { $ne: 'withdrawn' } };
    const full = fullFilter(filter);
    const quick = quickFilter(filter)!;
    const docs = [
      { official: 'AB001', eventAt: '2019-05-01', status: 'active' },
      { official: 'AB001', eventAt: '2019-05-01', status: 'withdrawn' },
      { official: 'AB001', eventAt: '2020-05-01', status: 'active' },
      { official: 'AB002', eventAt: '2019-05-01' },
      { official: ['AB002', 'AB001'], eventAt: ['2018-01-01', '2019-02-02'] },
      { official: 'AB001', eventAt: new Date('2019-05-01'), status: 'active' },
    ];
    expect(docs.map((doc) => quick(doc))).to.deep.equal([1, 0, 0, 0, 1, UNSURE]);
    expect(docs.map((doc) => compileFilter(filter).test(doc))).to.deep.equal(docs.map((doc) => full.test(doc)));
  });

  it('when a filter uses anything else (paths, regexes, null, documents, other operators, fields of the prototype), then no quick matcher is made', () => {
    for (const filter of [
      { 'a.b': 1 },
      { a: /x/ },
      { a: null },
      { a: { b: 1 } },
      { a: { $in: [1, null] } },
      { a: { $in: [/x/] } },
      { a: { $exists: true } },
      { a: { $gt: true } },
      { a: Number.NaN },
      { a: -0 },
      { $or: [{ a: 1 }] },
      { $and: [] },
      { constructor: 'x' },
      { a: new Date() },
      {},
    ]) {
      expect(quickFilter(filter as Document), JSON.stringify(filter)).to.equal(undefined);
    }
  });

  describe('through the driver', () => {
    let running: Running;
    before(async () => {
      running = await startWithClient();
      await running.db.collection<Quick>('quick').insertMany([
        { _id: 1, official: 'AB001', eventAt: '2019-03-01', status: 'active' },
        { _id: 2, official: 'AB001', eventAt: '2019-04-01', status: 'withdrawn' },
        { _id: 3, official: 'AB001', eventAt: new Date('2019-05-01'), status: 'active' },
        { _id: 4, official: ['AB001', 'AB002'], eventAt: '2019-06-01', status: 'active' },
        { _id: 5, official: 'AB002', eventAt: '2019-07-01' },
      ]);
      await running.db.collection<Quick>('quick').createIndex({ official: 1, eventAt: -1 });
    });
    after(() => stopAll(running));

    it('when a list filter mixes plain values with a date and an array, then find returns what MongoDB would', async () => {
      const found = await running.db
        .collection<Quick>('quick')
        .find({ $and: [{ official: 'AB001' }, { eventAt: { $gte: '2019-01-01', $lt: '2020-01-01' } }, { status: { $ne: 'withdrawn' } }] })
        .sort({ _id: 1 })
        .toArray();
      expect(found.map((doc) => doc._id)).to.deep.equal([1, 4]);
      const notWithdrawn = await running.db.collection<Quick>('quick').countDocuments({ status: { $nin: ['withdrawn'] } });
      expect(notWithdrawn).to.equal(4);
    });
  });
});
