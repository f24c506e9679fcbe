import { BSON, Binary, BSONRegExp, Code, DBRef, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID } from 'bson';
import { expect } from 'chai';
import { sizeBound } from '../../src/embedded-mongo/cursors.js';

describe('embedded engine: the size bound that cuts reply batches', () => {
  const long = (unit: string, n: number) => unit.repeat(n);
  const documents: Record<string, Record<string, unknown>> = {
    'short and long ASCII': { _id: new ObjectId(), a: 'x', b: long('y', 20), c: long('z', 5000) },
    'two- and three-byte characters, short and long': { ñ: 'Peñailillo', 'ü': long('€', 21), big: long('€', 10_000), mixed: long('añ€', 3000) },
    'characters outside the basic plane': { emoji: long('😀', 15), many: long('😀', 9000) },
    'every scalar type': {
      d: 1.5, i: 7, n: null, t: true, f: false, date: new Date(0), long: Long.fromNumber(2 ** 40), int: new Int32(3), dbl: new Double(2),
      dec: Decimal128.fromString('1.25'), ts: new Timestamp({ t: 1, i: 2 }), min: new MinKey(), max: new MaxKey(), u: undefined,
    },
    'binary data, small and large': { bin: new Binary(Buffer.alloc(3)), big: new Binary(Buffer.alloc(100_000)), uuid: new UUID() },
    'expressions and references': {
      re: /ab+c/gi, longRe: new RegExp(long('a', 2000)), bre: new BSONRegExp('x+', 'i'), code: new Code('function () { return 1; }', { a: long('s', 500) }),
      ref: new DBRef('things', new ObjectId(), 'db', { extra: long('e', 300) }),
    },
    'nested arrays and documents': {
      list: Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? { k: i, s: 'value' } : i % 3 === 1 ? [i, [i]] : i)),
      deep: { a: { b: { c: { d: [{ e: long('é', 400) }] } } } },
      empty: [], hole: {},
    },
    'a stored meeting': {
      _id: new ObjectId(), official: 'BB000123', attendees: [{ name: 'José Herrera', kind: 'lobbyist', paid: true, represents: [{ name: 'Eléctrica del Sur SpA' }] }],
      searchTokens: ['jose', 'gonzalez', 'soto', 'bb000123'], organizationIds: [], revision: 1,
    },
  };

  for (const [name, document] of Object.entries(documents)) {
    it(`when a document holds ${name}, then the bound is at least its BSON size`, () => {
      const actual = BSON.calculateObjectSize(document);
      expect(sizeBound(document)).to.be.at.least(actual);
      // Loose enough to cut batches where it should: never more than four times the real size.
      expect(sizeBound(document)).to.be.below(4 * actual + 512);
    });
  }
});
