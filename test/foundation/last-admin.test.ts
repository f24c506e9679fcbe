import { expect } from 'chai';
import { accountsService } from '../../src/accounts/service.js';
import { createAudit } from '../../src/audit/audit.js';
import { HttpError } from '../../src/http/errors.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

describe('the last active admin', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t?.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('when the only active admin demotes itself, then 409 problem+json and it stays admin', async () => {
    const admin = await t.userFor('admin');
    const res = await t.request.put(`/api/v1/users/${admin.user.id}/role`).set(bearer(admin.token)).send({ role: 'oversight' }).expect(409);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body).to.include({ status: 409, title: 'Conflict' });
    expect(res.body.detail).to.contain('last active admin');
    const me = await t.request.get('/api/v1/me').set(bearer(admin.token)).expect(200);
    expect(me.body.role).to.equal('admin');
  });

  it('when the other admin is disabled, then it does not count and the demotion is still refused', async () => {
    const admin = await t.userFor('admin');
    const other = await t.userFor('admin');
    await t.request.post(`/api/v1/users/${other.user.id}/disable`).set(bearer(admin.token)).expect(200);
    await t.request.put(`/api/v1/users/${admin.user.id}/role`).set(bearer(admin.token)).send({ role: 'oversight' }).expect(409);
  });

  it('when another active admin remains, then demoting one admin is allowed', async () => {
    const admin = await t.userFor('admin');
    const other = await t.userFor('admin');
    const res = await t.request.put(`/api/v1/users/${other.user.id}/role`).set(bearer(admin.token)).send({ role: 'oversight' }).expect(200);
    expect(res.body.role).to.equal('oversight');
    await t.request.put(`/api/v1/users/${admin.user.id}/role`).set(bearer(admin.token)).send({ role: 'oversight' }).expect(409);
  });

  it('when something other than an admin (the command line) disables the last active admin, then it is refused with 409', async () => {
    const admin = await t.userFor('admin');
    const accounts = accountsService(t.db, createAudit(t.db));
    const refusal = await accounts.setDisabled(admin.user.id, true, { actor: { kind: 'cli' } }).then(() => undefined, (error: unknown) => error);
    expect(refusal).to.be.instanceOf(HttpError);
    expect((refusal as HttpError).status).to.equal(409);
    expect((await accounts.requireUser(admin.user.id)).disabled).to.equal(false);
    await t.userFor('admin');
    expect((await accounts.setDisabled(admin.user.id, true, { actor: { kind: 'cli' } })).disabled).to.equal(true);
  });

  it('when two admins demote and disable each other at the same moment, then one change is refused and one active admin remains', async () => {
    const accounts = accountsService(t.db, createAudit(t.db));
    for (let round = 0; round < 4; round++) {
      const first = await t.userFor('admin');
      const second = await t.userFor('admin');
      // Each transaction alone sees two active admins; run together, both would pass the count unless they conflict.
      const outcomes = await Promise.allSettled(
        round % 2 === 0
          ? [accounts.changeRole(first.user.id, { role: 'oversight' }, { actor: { kind: 'cli' } }), accounts.changeRole(second.user.id, { role: 'oversight' }, { actor: { kind: 'cli' } })]
          : [accounts.setDisabled(first.user.id, true, { actor: { kind: 'cli' } }), accounts.setDisabled(second.user.id, true, { actor: { kind: 'cli' } })],
      );
      expect(outcomes.map((o) => o.status).sort(), `round ${round}`).to.deep.equal(['fulfilled', 'rejected']);
      const refusal = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect((refusal.reason as HttpError).status).to.equal(409);
      const active = (await accounts.list({ role: 'admin' }, { limit: 50, offset: 0 })).filter((user) => user.disabled !== true);
      expect(active, `round ${round}`).to.have.length(1);
      // The next round starts from no active admin of its own making: the one left steps aside for the two new ones.
      await t.db.collection('users').updateOne({ _id: active[0]._id }, { $set: { role: 'oversight' } });
    }
  });
});
