import { expect } from 'chai';
import { attestation, organization } from '../domain/fixtures.js';
import { meetingBody, registry, type Registry } from './setup.js';

/** Requests sent together, so each passes the duplicate checks before any of the others has written. */
const RACERS = 6;

describe('simultaneous registrations', () => {
  let r: Registry;
  before(async () => {
    r = await registry();
  });
  after(() => r?.t.close());

  const native = () => r.t.db.connection.db!;
  const statuses = (answers: { status: number }[]) => answers.map((answer) => answer.status).sort();

  it('when several requests register organisations with one tax id at once, then one is registered and the others get 409 naming /taxId', async () => {
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => r.as(r.tokens.official, r.t.request.post('/api/v1/organizations')).send({ ...organization, name: `Minera Carrera ${i}` })),
    );
    expect(statuses(answers)).to.deep.equal([201, ...Array<number>(RACERS - 1).fill(409)]);
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/taxId']);
    expect(await native().collection('organizations').countDocuments({ taxId: organization.taxId })).to.equal(1);
    const created = answers.find((a) => a.status === 201)!;
    expect(created.body).not.to.have.property('dedupKey');
  });

  it('when several requests register organisations without tax id under one name at once, then one is registered and the others get 409 naming /name', async () => {
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => r.as(r.tokens.official, r.t.request.post('/api/v1/organizations')).send({ name: i % 2 === 0 ? 'Fundación Carrera' : 'FUNDACION CARRERA' })),
    );
    expect(statuses(answers)).to.deep.equal([201, ...Array<number>(RACERS - 1).fill(409)]);
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/name']);
  });

  it('when a duplicate is merged away, then its tax id no longer blocks anything its survivor does not hold', async () => {
    const survivor = await r.as(r.tokens.official, r.t.request.post('/api/v1/organizations')).send({ name: 'Pesquera Sobreviviente', taxId: '76086428-5' }).expect(201);
    const duplicate = await r.as(r.tokens.official, r.t.request.post('/api/v1/organizations')).send({ name: 'Pesquera Duplicada', taxId: '77261280-K' }).expect(201);
    await r.as(r.tokens.oversight, r.t.request.post(`/api/v1/organizations/${survivor.body.id}/merge`))
      .set('If-Match', '"1"')
      .send({ duplicate: duplicate.body.id, reason: 'Same company.' })
      .expect(200);
    await r.as(r.tokens.official, r.t.request.post('/api/v1/organizations')).send({ name: 'Pesquera Duplicada Nueva', taxId: '77261280-K' }).expect(201);
  });

  it('when several requests file one official’s attestation for one month at once, then one is registered and the others get 409 naming /month', async () => {
    const answers = await Promise.all(Array.from({ length: RACERS }, () => r.as(r.tokens.official, r.t.request.post('/api/v1/attestations')).send(attestation)));
    expect(statuses(answers)).to.deep.equal([201, ...Array<number>(RACERS - 1).fill(409)]);
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/month']);
    expect(await native().collection('attestations').countDocuments({ official: attestation.official, month: attestation.month })).to.equal(1);
  });

  it('when an attestation is withdrawn, then the same month can be attested again', async () => {
    const month = { ...attestation, month: '2015-01' };
    const first = await r.as(r.tokens.official, r.t.request.post('/api/v1/attestations')).send(month).expect(201);
    await r.as(r.tokens.official, r.t.request.post(`/api/v1/attestations/${first.body.id}/withdraw`)).set('If-Match', '"1"').send({ reason: 'Wrong month.' }).expect(200);
    await r.as(r.tokens.official, r.t.request.post('/api/v1/attestations')).send(month).expect(201);
  });

  it('when several requests with one Idempotency-Key arrive at once, then one meeting is created and every request gets its answer', async () => {
    const body = meetingBody({ subject: 'Carrera de reintentos con la misma clave.' });
    const answers = await Promise.all(
      Array.from({ length: RACERS }, () => r.as(r.tokens.official, r.t.request.post('/api/v1/meetings')).set('Idempotency-Key', 'race-key-1').send(body)),
    );
    expect(statuses(answers)).to.deep.equal(Array<number>(RACERS).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).to.equal(1);
    expect(answers.filter((answer) => answer.get('Idempotent-Replayed') === 'true')).to.have.length(RACERS - 1);
    expect(await native().collection('meetings').countDocuments({ subject: body.subject })).to.equal(1);
  });
});
