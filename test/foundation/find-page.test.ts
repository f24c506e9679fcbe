import { expect } from 'chai';
import { BSON, type Document } from '../../src/db/driver.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

describe('Database.findPage: one page in one command', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t?.close());

  it('gives the same documents, in the same order and shape, as a driver cursor over the same query', async () => {
    const pages = t.db.collection<{ _id: string; at: string; kind: string; hidden: number; big: number }>('page_same');
    // Ties on `at` so that the order rests on the second sort key too.
    await pages.insertMany(Array.from({ length: 40 }, (_, i) => ({ _id: `r${String(i).padStart(2, '0')}`, at: `2024-0${1 + (i % 3)}`, kind: i % 2 ? 'a' : 'b', hidden: i, big: i * 1e12 })));
    const query = { filter: { kind: 'a' }, sort: { at: -1, _id: -1 } as const, projection: { hidden: 0 } as const, limit: 11 };
    const page = await t.db.findPage('page_same', query);
    const cursor = await pages.find(query.filter, { projection: query.projection, limit: query.limit }).sort(query.sort).toArray();
    expect(page).to.have.length(11);
    expect(page).to.deep.equal(cursor);
    expect(page[0]).not.to.have.property('hidden');
  });

  it('stops at the limit when more documents match, and gives them all when fewer do', async () => {
    const pages = t.db.collection('page_limit');
    await pages.insertMany(Array.from({ length: 10 }, (_, i) => ({ n: i })));
    expect((await t.db.findPage('page_limit', { filter: {}, sort: { n: 1 }, limit: 3 })).map((d: Document) => d.n)).to.deep.equal([0, 1, 2]);
    expect(await t.db.findPage('page_limit', { filter: { n: { $gte: 8 } }, sort: { n: 1 }, limit: 5 })).to.have.length(2);
    expect(await t.db.findPage('page_limit', { filter: { n: -1 }, sort: { n: 1 }, limit: 5 })).to.deep.equal([]);
  });

  it('reads a page larger than one reply (16 MB) to its end instead of cutting it short', async function () {
    this.timeout(60_000);
    const pages = t.db.collection('page_large');
    // Five documents of 5 MB: no reply holds four of them, so the page needs a getMore.
    for (let i = 0; i < 5; i++) await pages.insertOne({ n: i, blob: String(i).repeat(5 * 1024 * 1024) });
    const page = await t.db.findPage('page_large', { filter: {}, sort: { n: 1 }, limit: 4 });
    expect(page.map((d: Document) => d.n)).to.deep.equal([0, 1, 2, 3]);
    expect(page.every((d: Document, i: number) => d.blob.length === 5 * 1024 * 1024 && d.blob[0] === String(i))).to.equal(true);
    const bytes = await t.db.findPageBytes('page_large', { filter: {}, sort: { n: 1 }, limit: 4 });
    expect(bytes.map((b) => BSON.deserialize(b))).to.deep.equal(page);
  });

  it('gives each document as the BSON the server sent, when asked for bytes: the same page, undecoded', async () => {
    const pages = t.db.collection<{ _id: string; n: number; text: string; nested: { list: (string | number)[] } }>('page_bytes');
    await pages.insertMany(Array.from({ length: 12 }, (_, i) => ({ _id: `b${String(i).padStart(2, '0')}`, n: i, text: `«${i}»`, nested: { list: [i, 'x'] } })));
    const query = { filter: { n: { $gte: 2 } }, sort: { n: -1 } as const, projection: { text: 0 } as const, limit: 5 };
    const bytes = await t.db.findPageBytes('page_bytes', query);
    expect(bytes.every((b) => Buffer.isBuffer(b) && b.readInt32LE(0) === b.length)).to.equal(true);
    expect(bytes.map((b) => BSON.deserialize(b))).to.deep.equal(await t.db.findPage('page_bytes', query));
    expect(bytes.map((b) => BSON.deserialize(b).n)).to.deep.equal([11, 10, 9, 8, 7]);
  });
});
