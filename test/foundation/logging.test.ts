import { expect } from 'chai';
import { testApp, type TestApp } from '../helpers/test-app.js';

describe('request logging', () => {
  let t: TestApp;
  const lines: string[] = [];
  before(async () => {
    t = await testApp({ env: { LOG_LEVEL: 'info' }, logTo: { write: (line: string) => void lines.push(line) } });
  });
  after(() => t?.close());

  it('when a request carries a bearer token and a cookie, then the log line shows neither value', async () => {
    const token = await t.tokenFor('admin');
    const cookie = 'session=cookie-value-6f1c2e';
    await t.request.get('/api/v1/me').set('Authorization', `Bearer ${token}`).set('Cookie', cookie).expect(200);
    await t.request.get('/api/v1/me').set('Authorization', 'Bearer not.a.valid-token-9a8b').set('Cookie', cookie).expect(401);

    const meLines = lines.filter((line) => line.includes('/api/v1/me'));
    expect(meLines).to.have.length(2);
    for (const line of meLines) {
      const entry = JSON.parse(line) as { req: { headers: Record<string, string> } };
      expect(entry.req.headers.authorization).to.equal('[redacted]');
      expect(entry.req.headers.cookie).to.equal('[redacted]');
    }
    const all = lines.join('');
    expect(all).not.to.contain(token).and.not.to.contain('cookie-value-6f1c2e').and.not.to.contain('not.a.valid-token-9a8b');
  });

  it('when logging is on, then the log line of a request carries the id its response echoes', async () => {
    const res = await t.request.get('/healthz').set('X-Request-Id', 'edge-log-42').expect(200);
    expect(res.headers['x-request-id']).to.equal('edge-log-42');
    const line = lines.find((entry) => entry.includes('edge-log-42'));
    expect(line, 'a log line for the request').to.not.equal(undefined);
    expect((JSON.parse(line!) as { req: { id: string; url: string } }).req).to.include({ id: 'edge-log-42', url: '/healthz' });
  });

  it('when a sign-in fails, then the password is nowhere in the log', async () => {
    await t.request.post('/api/v1/auth/token').send({ email: 'nobody@example.test', password: 'password-in-the-body-77' }).expect(401);
    expect(lines.some((line) => line.includes('/api/v1/auth/token'))).to.equal(true);
    expect(lines.join('')).not.to.contain('password-in-the-body-77');
  });
});
