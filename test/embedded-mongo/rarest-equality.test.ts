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
