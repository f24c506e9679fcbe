import { expect } from 'chai';
import { testApp, type TestApp } from '../helpers/test-app.js';

describe('account administration', () => {
  let t: TestApp;
  let adminToken: string;
  const newUser = { email: 'Registrar@Example.test', role: 'registrar', institutions: ['ab001'], password: 'a long enough password' };
  before(async () => {
    t = await testApp();
    adminToken = await t.tokenFor('admin');
  });
  after(() => t?.close());

  const asAdmin = (req: import('supertest').Test) => req.set('Authorization', `Bearer ${adminToken}`);

  for (const role of ['oversight', 'registrar', 'official'] as const) {
    it(`when a ${role} calls the admin endpoints, then each answers 403`, async () => {
      const token = await t.tokenFor(role);
      const auth = { Authorization: `Bearer ${token}` };
      const someId = '0123456789abcdef01234567';
      for (const res of [
        await t.request.get('/api/v1/users').set(auth),
        await t.request.post('/api/v1/users').set(auth).send(newUser),
        await t.request.put(`/api/v1/users/${someId}/role`).set(auth).send({ role: 'admin' }),
        await t.request.post(`/api/v1/users/${someId}/disable`).set(auth),
      ]) {
        expect(res.status).to.equal(403);
        expect(res.body).to.include({ title: 'Forbidden' });
      }
    });
  }

  it('when nobody is signed in, then the admin endpoints answer 401', async () => {
    await t.request.get('/api/v1/users').expect(401);
  });

  it('when an admin creates an account, then it is stored with a lower-case email, no password, and audited', async () => {
    const res = await asAdmin(t.request.post('/api/v1/users')).send(newUser).expect(201);
    expect(res.body).to.include({ email: 'registrar@example.test', role: 'registrar', disabled: false });
    expect(res.body.institutions).to.deep.equal(['ab001']);
    expect(res.body).not.to.have.any.keys('password', 'passwordHash');
    expect(res.headers.location).to.equal(`/api/v1/users/${res.body.id}`);
    const audit = await t.db.collection('audit').findOne({ action: 'user.create', 'subject.id': res.body.id });
    expect(audit?.actor).to.include({ kind: 'user', role: 'admin' });
    const signIn = await t.request.post('/api/v1/auth/token').send({ email: newUser.email, password: newUser.password });
    expect(signIn.status).to.equal(200);
  });

  it('when the email is taken, then 409 names the field', async () => {
    const res = await asAdmin(t.request.post('/api/v1/users')).send({ ...newUser, email: 'REGISTRAR@example.test' }).expect(409);
    expect(res.body.errors).to.deep.equal([{ pointer: '/email', message: 'is already used' }]);
  });

  it('when the body sets server-owned fields or breaks the schema, then 400 names every field', async () => {
    const res = await asAdmin(t.request.post('/api/v1/users'))
      .send({ email: 'x', role: 'registrar', institutions: [], password: 'short', disabled: false, id: 'abc' })
      .expect(400);
    expect(res.body.errors).to.deep.include.members([
      { pointer: '/id', message: 'is set by the server' },
      { pointer: '/disabled', message: 'is set by the server' },
      { pointer: '/email', message: 'must match format "email"' },
      { pointer: '/password', message: 'must NOT have fewer than 12 characters' },
      { pointer: '/institutions', message: 'must NOT have fewer than 1 items' },
    ]);
  });

  it('when an admin changes a role, then the account and its next request carry the new role', async () => {
    const { user, token } = await t.userFor('official');
    const res = await asAdmin(t.request.put(`/api/v1/users/${user.id}/role`)).send({ role: 'oversight' }).expect(200);
    expect(res.body).to.include({ role: 'oversight' });
    expect(res.body).not.to.have.property('official');
    const me = await t.request.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.role).to.equal('oversight');
  });

  it('when a role change to official lacks the official code, then 400 names it', async () => {
    const { user } = await t.userFor('oversight');
    const res = await asAdmin(t.request.put(`/api/v1/users/${user.id}/role`)).send({ role: 'official' }).expect(400);
    expect(res.body.errors).to.deep.include({ pointer: '/official', message: 'is required' });
  });

  it('when an admin lists accounts by role, then only that role comes back, paged', async () => {
    const res = await asAdmin(t.request.get('/api/v1/users?role=registrar&limit=1')).expect(200);
    expect(res.body.limit).to.equal(1);
    expect(res.body.items).to.have.length(1);
    expect(res.body.items[0].role).to.equal('registrar');
    expect(res.body.total).to.be.at.least(1);
  });

  it('when the list query is out of range, then 400 points at the query parameter', async () => {
    const res = await asAdmin(t.request.get('/api/v1/users?limit=1000')).expect(400);
    expect(res.body.errors).to.deep.equal([{ pointer: '/query/limit', message: 'must be <= 200' }]);
  });

  it('when the id is unknown or malformed, then 404', async () => {
    await asAdmin(t.request.get('/api/v1/users/0123456789abcdef01234567')).expect(404);
    await asAdmin(t.request.post('/api/v1/users/not-an-id/disable')).expect(404);
  });

  it('when an admin disables and enables an account, then sign-in follows', async () => {
    const { user, password } = await t.userFor('registrar');
    await asAdmin(t.request.post(`/api/v1/users/${user.id}/disable`)).expect(200);
    await t.request.post('/api/v1/auth/token').send({ email: user.email, password }).expect(401);
    const res = await asAdmin(t.request.post(`/api/v1/users/${user.id}/enable`)).expect(200);
    expect(res.body.disabled).to.equal(false);
    await t.request.post('/api/v1/auth/token').send({ email: user.email, password }).expect(200);
  });
});
