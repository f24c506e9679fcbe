import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { DatabaseRateLimitStore } from '../../src/accounts/rate-limit-store.js';
import { signToken } from '../../src/http/auth.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

describe('signing in and tokens', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp['userFor']>>;
  before(async () => {
    t = await testApp();
    admin = await t.userFor('admin', { email: 'Admin@Example.test' });
  });
  after(() => t?.close());

  const settings = () => ({ ...t.config.jwt, secret: t.config.jwt.secret });
  const me = (token: string) => t.request.get('/api/v1/me').set('Authorization', `Bearer ${token}`);

  it('when the email (any case) and password are right, then a token and its expiry come back and open /me', async () => {
    const res = await t.request.post('/api/v1/auth/token').send({ email: 'admin@EXAMPLE.test', password: admin.password }).expect(200);
    expect(res.body.token).to.be.a('string');
    expect(Date.parse(res.body.expiresAt) - Date.now()).to.be.within(3500_000, 3600_000);
    const decoded = jwt.decode(res.body.token, { complete: true })!;
    expect(decoded.header.alg).to.equal('HS256');
    expect(decoded.payload).to.include({ iss: 'lobby-registry', aud: 'lobby-registry-api', sub: admin.user.id });
    const profile = await me(res.body.token).expect(200);
    expect(profile.body).to.include({ id: admin.user.id, email: 'admin@example.test', role: 'admin', disabled: false });
    expect(profile.body).not.to.have.any.keys('password', 'passwordHash');
  });

  it('when the password is wrong or the email unknown, then both get the same 401 problem', async () => {
    const wrong = await t.request.post('/api/v1/auth/token').send({ email: 'admin@example.test', password: 'not-the-password' }).expect(401);
    const unknown = await t.request.post('/api/v1/auth/token').send({ email: 'nobody@example.test', password: 'not-the-password' }).expect(401);
    expect(wrong.headers['content-type']).to.match(/^application\/problem\+json/);
    const { requestId: _a, ...wrongBody } = wrong.body;
    const { requestId: _b, ...unknownBody } = unknown.body;
    expect(wrongBody).to.deep.equal(unknownBody);
  });

  it('when the credentials body is incomplete, then 400 names the missing field', async () => {
    const res = await t.request.post('/api/v1/auth/token').send({ email: 'a@b.c' }).expect(400);
    expect(res.body.errors).to.deep.equal([{ pointer: '/password', message: 'is required' }]);
  });

  it('when no token is sent to /me, then 401 with a Bearer challenge', async () => {
    const res = await t.request.get('/api/v1/me').expect(401);
    expect(res.headers['www-authenticate']).to.equal('Bearer');
    expect(res.body).to.include({ status: 401 });
  });

  it('when the token has expired, then 401 says it expired', async () => {
    const { token } = signToken({ ...settings(), ttlSeconds: 60 }, admin.user.id, Date.now() - 3600_000);
    const res = await me(token).expect(401);
    expect(res.body.detail).to.equal('The token has expired.');
  });

  it('when the token uses alg none, then it is refused', async () => {
    const token = jwt.sign({ sub: admin.user.id, iss: 'lobby-registry', aud: 'lobby-registry-api' }, '', { algorithm: 'none', expiresIn: 600 });
    const res = await me(token).expect(401);
    expect(res.body.detail).to.equal('The token is not valid.');
  });

  it('when the token is signed with RS256, then it is refused even though the signature is valid for its key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jwt.sign({ sub: admin.user.id }, privateKey, { algorithm: 'RS256', issuer: 'lobby-registry', audience: 'lobby-registry-api', expiresIn: 600 });
    await me(token).expect(401);
  });

  it('when the token is for another audience or issuer, then it is refused', async () => {
    await me(signToken({ ...settings(), audience: 'other-api' }, admin.user.id).token).expect(401);
    await me(signToken({ ...settings(), issuer: 'someone-else' }, admin.user.id).token).expect(401);
  });

  it('when the token is signed with another secret, then it is refused', async () => {
    await me(signToken({ ...settings(), secret: 'x'.repeat(40) }, admin.user.id).token).expect(401);
  });

  it('when the Authorization header is not a bearer token, then 401 says how to send one', async () => {
    const res = await t.request.get('/api/v1/me').set('Authorization', 'Basic YTpi').expect(401);
    expect(res.body.detail).to.contain('Bearer');
  });

  it('when the account is disabled, then its existing token stops working and it cannot sign in', async () => {
    const official = await t.userFor('official', { official: 'AB001443' });
    await me(official.token).expect(200);
    await t.request.post(`/api/v1/users/${official.user.id}/disable`).set('Authorization', `Bearer ${admin.token}`).expect(200);
    await me(official.token).expect(401);
    await t.request.post('/api/v1/auth/token').send({ email: official.user.email, password: official.password }).expect(401);
  });
});

describe('sign-in rate limit', () => {
  it('when too many attempts come from one client, then 429 with Retry-After', async () => {
    const t = await testApp({ env: { AUTH_RATE_LIMIT_MAX: '2' } });
    try {
      for (let i = 0; i < 2; i += 1) await t.request.post('/api/v1/auth/token').send({ email: 'x@y.z', password: 'wrong' }).expect(401);
      const res = await t.request.post('/api/v1/auth/token').send({ email: 'x@y.z', password: 'wrong' }).expect(429);
      expect(Number(res.headers['retry-after'])).to.be.greaterThan(0);
      expect(res.body).to.include({ status: 429, title: 'Too Many Requests' });
    } finally {
      await t.close();
    }
  });

  it('when attempts go to two instances of the service on one database, then they count against one limit', async () => {
    const t = await testApp({ env: { AUTH_RATE_LIMIT_MAX: '3' } });
    try {
      const other = supertest(createApp({ config: t.config, db: t.db, logger: t.logger }));
      const attempt = (client: typeof other) => client.post('/api/v1/auth/token').send({ email: 'x@y.z', password: 'wrong' });
      await attempt(t.request).expect(401);
      await attempt(other).expect(401);
      await attempt(t.request).expect(401);
      // The fourth attempt, whichever instance gets it, is over the limit: each alone has seen at most two.
      await attempt(other).expect(429);
      await attempt(t.request).expect(429);
    } finally {
      await t.close();
    }
  });

  it('when concurrent attempts arrive, then each is counted and the window starts again once it ends', async () => {
    const t = await testApp({ env: { AUTH_RATE_LIMIT_MAX: '5', AUTH_RATE_LIMIT_WINDOW_MS: '1000' } });
    try {
      const attempt = () => t.request.post('/api/v1/auth/token').send({ email: 'x@y.z', password: 'wrong' });
      const statuses = (await Promise.all(Array.from({ length: 8 }, () => attempt()))).map((res) => res.status).sort();
      expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 429, 429, 429]);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await attempt().expect(401);
    } finally {
      await t.close();
    }
  });

  it('when the store counts, takes back, resets and outlives a window, then it reports what a client has left', async () => {
    const t = await testApp();
    try {
      const store = new DatabaseRateLimitStore(t.db, 'test');
      store.init({ windowMs: 300 });
      expect(await store.get('10.0.0.1')).to.equal(undefined);
      await store.increment('10.0.0.1');
      const second = await store.increment('10.0.0.1');
      expect(second.totalHits).to.equal(2);
      expect(second.resetTime!.getTime()).to.be.within(Date.now(), Date.now() + 300);
      await store.decrement('10.0.0.1');
      expect((await store.get('10.0.0.1'))?.totalHits).to.equal(1);
      // Another limit's counter for the same client is its own.
      expect((await new DatabaseRateLimitStore(t.db, 'other').increment('10.0.0.1')).totalHits).to.equal(1);
      await store.resetKey('10.0.0.1');
      expect((await store.get('10.0.0.1'))?.totalHits).to.equal(0);
      await store.decrement('10.0.0.1');
      expect((await store.get('10.0.0.1'))?.totalHits, 'never below zero').to.equal(0);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect(await store.get('10.0.0.1')).to.equal(undefined);
      expect((await store.increment('10.0.0.1')).totalHits).to.equal(1);
    } finally {
      await t.close();
    }
  });
});
