import { expect } from 'chai';
import { Decimal128, Long, ObjectId } from 'bson';
import { compareBson } from '../../src/embedded-mongo/query/bson-order.js';
import { HIGH, LOW, keyOrder } from '../../src/embedded-mongo/storage/key-order.js';

const sign = (n: number) => Math.sign(n);

describe('embedded engine: index key order', () => {
  const ascending = keyOrder([1], undefined);

  it('when values of mixed types are compared, then the fast paths agree with the general BSON order', () => {
    const values: unknown[] = [
      null, -1, 0, 2.5, NaN, Long.fromNumber(3), Decimal128.fromString('1.5'), '', 'a', 'B', 'ñ', new Date(0), new Date(0), new Date(-1), new Date(86_400_000), true,
      new ObjectId('000000000000000000000001'), new ObjectId('ffffffffffffffffffffff00'), new ObjectId('0100000000000000000000ff'), { a: 1 }, [1],
    ];
    for (const x of values) {
      for (const y of values) {
        expect(sign(ascending([x, 'id'], [y, 'id'])), `${String(x)} vs ${String(y)}`).to.equal(sign(compareBson(x, y)));
      }
    }
  });

  it('when ObjectIds differ in any byte, then they order as their hex strings do', () => {
    const ids = Array.from({ length: 200 }, () => new ObjectId());
    ids.push(new ObjectId('00000000000000000000ffff'), new ObjectId('ffff00000000000000000000'), new ObjectId('0000000000ff000000000000'));
    const byKey = [...ids].sort((a, b) => ascending([a, ''], [b, '']));
    const byHex = [...ids].sort((a, b) => (a.toHexString() < b.toHexString() ? -1 : 1));
    expect(byKey.map((id) => id.toHexString())).to.deep.equal(byHex.map((id) => id.toHexString()));
  });

  it('when a field is descending, then its values order backwards while the primary key still breaks ties ascending', () => {
    const order = keyOrder([1, -1], undefined);
    expect(order(['w', '2024', 'a'], ['w', '2023', 'a'])).to.be.below(0);
    expect(order(['w', '2024', 'a'], ['w', '2024', 'b'])).to.be.below(0);
    expect(order(['v', '2020', 'z'], ['w', '2024', 'a'])).to.be.below(0);
  });

  it('when keys are ordered from a later field, then the earlier ones are ignored and the primary key still breaks ties', () => {
    const order = keyOrder([1, -1], undefined, 1);
    expect(order(['z', '2024', 'a'], ['a', '2023', 'a'])).to.be.below(0);
    expect(order(['a', '2024', 'b'], ['z', '2024', 'a'])).to.be.above(0);
    expect(order(['a', '2024', 'b'], ['z', '2024', 'b'])).to.equal(0);
  });

  it('when a bound holds LOW or HIGH, then it sits before or after every key sharing its prefix', () => {
    const order = keyOrder([1, -1], undefined);
    expect(order(['w', LOW, LOW], ['w', '9999', 'a'])).to.be.below(0);
    expect(order(['w', HIGH, HIGH], ['w', '0000', 'a'])).to.be.above(0);
    expect(order(['w', '2024', HIGH], ['w', '2024', 'zzz'])).to.be.above(0);
    expect(order(['w', HIGH, HIGH], ['x', '9999', 'a'])).to.be.below(0);
  });

  it('when the index has a collation, then strings follow it rather than code points', () => {
    const caseless = keyOrder([1], (a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(caseless(['B', 'id'], ['a', 'id'])).to.be.above(0);
    expect(ascending(['B', 'id'], ['a', 'id'])).to.be.below(0);
  });
});
