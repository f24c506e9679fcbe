import { expect } from 'chai';
import type { Collection, Document } from 'mongodb';
import { startWithClient, stopAll, type Running } from './support.js';

/** Search-word shaped data: 'common' on every meeting, 'rare' on 4 of them, as a multikey index ending in the list order. */
describe('embedded engine: several equalities on one multikey field', () => {
  let running: Running;
  let meetings: Collection<Document>;
  before(async () => {
    running = await startWithClient();
    meetings = running.db.collection('meetings');
    await meetings.insertMany(
      Array.from({ length: 300 }, (_, i) => ({
        _id: i as never,
        at: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        words: i % 75 === 0 ? ['common', 'rare', `w${i % 5}`] : ['common', `w${i % 5}`],
      })),
    );
    await meetings.createIndex({ words: 1, at: -1, _id: -1 });
  });
  after(() => stopAll(running));

  const examined = async (filter: Document) => {
    const explained = await meetings.find(filter).sort({ at: -1, _id: -1 }).explain('executionStats');
    return explained.executionStats.totalDocsExamined as number;
  };

  it('when the rare word comes first or last, then the scan reads only its entries either way', async () => {
    expect(await examined({ $and: [{ words: 'rare' }, { words: 'common' }] })).to.equal(4);
    expect(await examined({ $and: [{ words: 'common' }, { words: 'rare' }] })).to.equal(4);
  });

  it('when three words are asked, then exactly the documents holding all three come back, newest first', async () => {
    const found = await meetings.find({ $and: [{ words: 'common' }, { words: 'w0' }, { words: 'rare' }] }).sort({ at: -1, _id: -1 }).toArray();
    // Every multiple of 75 holds 'rare' and 'w0'; their dates are the 20th, 11th, 2nd and 1st.
    expect(found.map((d) => d._id)).to.deep.equal([75, 150, 225, 0]);
  });

  it('when a scanned document lacks one of the other words, then the index entries rule it out and the document is never read', async () => {
    // Every 'rare' meeting holds 'w0': none holds 'w1', one holds 'w0'.
    expect(await examined({ $and: [{ words: 'rare' }, { words: 'w1' }] })).to.equal(0);
    expect(await examined({ $and: [{ words: 'rare' }, { words: 'w0' }, { words: 'common' }] })).to.equal(4);
    expect(await examined({ $and: [{ words: 'w1' }, { words: 'common' }, { words: 'nowhere' }] })).to.equal(0);
  });

  it('when words of every density are combined, in either order of the list and with a date range, then the matches are exactly those of a collection scan', async () => {
    const words = (i: number) => {
      const out = ['all'];
      for (const [word, every] of [['half', 2], ['third', 3], ['tenth', 10], ['hundredth', 100]] as const) if ((i * 7919) % every === 0) out.push(word);
      if (i % 2 === 1) out.push(`d${i % 50}`);
      return out;
    };
    const many = running.db.collection('many');
    await many.insertMany(Array.from({ length: 3_000 }, (_, i) => ({ _id: i as never, at: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, words: words(i) })));
    await many.createIndex({ words: 1, at: -1, _id: -1 });
    const combinations = [
      ['hundredth', 'all'], ['tenth', 'half'], ['half', 'third'], ['third', 'tenth', 'half'], ['d7', 'all'], ['d7', 'half'], ['hundredth', 'd1'], ['tenth', 'absent'],
    ];
    for (const combination of combinations) {
      for (const [order, range] of [[{ at: -1, _id: -1 }, {}], [{ at: 1, _id: 1 }, {}], [{ at: -1, _id: -1 }, { at: { $gte: '2024-03-01', $lte: '2024-08-28' } }]] as const) {
        const filter = { $and: [...combination.map((w) => ({ words: w })), range] };
        const indexed = await many.find(filter).sort(order).toArray();
        const scanned = await many.find(filter).sort(order).hint({ $natural: 1 }).toArray();
        expect(indexed.map((d) => d._id), JSON.stringify([combination, order, range])).to.deep.equal(scanned.map((d) => d._id));
        const plan = await many.find(filter).sort(order).explain('executionStats');
        expect(plan.executionStats.totalDocsExamined, JSON.stringify([combination, order, range])).to.equal(indexed.length);
      }
    }
  });

  it('when a document holds the word as a plain string rather than in an array, then it still matches', async () => {
    await meetings.insertOne({ _id: 1000 as never, at: '2024-02-01', words: 'rare' });
    try {
      expect((await meetings.find({ $and: [{ words: 'rare' }, { words: 'rare' }] }).toArray()).map((d) => d._id)).to.include(1000);
      expect(await meetings.countDocuments({ $and: [{ words: 'common' }, { words: 'rare' }] })).to.equal(4);
    } finally {
      await meetings.deleteOne({ _id: 1000 as never });
    }
  });
});
