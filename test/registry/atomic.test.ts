import { expect } from 'chai';
import { meetingBody, registry, type Registry } from './setup.js';

describe('atomic register writes', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
  });
  after(() => r?.t.close());

  it('when the audit event cannot be written, then neither the record nor its revision is kept', async function () {
    if (!r.t.db.transactional) {
      // Without transactions the database cannot undo the first writes; say so rather than pass.
      process.stdout.write('      skipped: this database has no multi-document transactions\n');
      this.skip(); // skipped because this database has no multi-document transactions
    }
    const native = r.t.db.connection.db!;
    const [meetings, revisions] = await Promise.all([native.collection('meetings').countDocuments(), native.collection('revisions').countDocuments()]);
    // The audit log refuses every event, so the third write of the transaction fails after the first two succeeded.
    await native.command({ collMod: 'audit', validator: { $jsonSchema: { required: ['a field no event has'] } }, validationAction: 'error' });
    try {
      const res = await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody()).expect(500);
      expect(res.body.detail).not.to.match(/audit|validation/i);
    } finally {
      await native.command({ collMod: 'audit', validator: {} });
    }
    expect(await native.collection('meetings').countDocuments()).to.equal(meetings);
    expect(await native.collection('revisions').countDocuments()).to.equal(revisions);
    await r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).send(meetingBody()).expect(201);
  });
});
