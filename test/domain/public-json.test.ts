import { expect } from 'chai';
import { BSON, ObjectId } from '../../src/db/driver.js';
import { JsonBytes, publicRecordWriter } from '../../src/presenters/public-json.js';
import { projectionOf, schemaResolver, type ProjectionNode } from '../../src/presenters/public-projection.js';
import { INTERNAL_FIELDS, type StoredRecord } from '../../src/records/kind.js';
import { presentRecord, publicJsonArray } from '../../src/records/presenter.js';
import { readSchemaFiles } from '../../src/schemas/files.js';
import { schemaRegistry } from '../../src/schemas/registry.js';
import { declarationKind } from '../../src/declarations/kind.js';
import { attestationKind } from '../../src/registry/attestations.js';
import { audienceRequestKind } from '../../src/registry/audience-requests.js';
import { giftKind } from '../../src/registry/gifts.js';
import { institutionKind } from '../../src/registry/institutions.js';
import { meetingKind } from '../../src/registry/meetings.js';
import { officialKind } from '../../src/registry/officials.js';
import { organizationKind } from '../../src/registry/organizations.js';
import { personKind } from '../../src/registry/people.js';
import { tripKind } from '../../src/registry/trips.js';
import * as fixtures from './fixtures.js';

const schemas = schemaRegistry();
const KINDS = [institutionKind, officialKind, personKind, organizationKind, meetingKind, tripKind, giftKind, attestationKind, audienceRequestKind, declarationKind];
/** The kinds whose public pages are written from bytes: those without a `present` step of their own. */
const REGISTER_KINDS = KINDS.filter((kind) => kind.present === undefined).map((kind) => kind.kind);

/** A stored record as the database holds it: `_id`, the search fields, the bookkeeping. */
function stored(kind: string, overrides: Record<string, unknown> = {}): StoredRecord {
  const { id: _id, ...doc } = fixtures.asStored(fixtures.validDocuments[kind], { status: 'active', searchTokens: ['a', 'b'], organizationIds: [fixtures.ids.organization], ...overrides });
  return { _id: kind === 'institution' || kind === 'official' ? String(doc.code) : new ObjectId(), ...doc } as StoredRecord;
}

/** What the presenter makes of the record for the public, as JSON text. */
const expected = (kind: string, records: StoredRecord[]) => JSON.stringify(records.map((record) => presentRecord(schemas, { kind }, record, false)));
/** The writer's array for records given as BSON. */
function arrayOf(kind: string, records: Buffer[]): string {
  return publicJsonArray(schemas, { kind })!(records, '', '').toString('utf8');
}
const fromBytes = (kind: string, records: StoredRecord[]) => arrayOf(kind, records.map((record) => Buffer.from(BSON.serialize(record))));
const writerFor = (kind: string) => publicRecordWriter(projectionOf(schemas.schema(kind, 'full'), schemaResolver(readSchemaFiles().values())), new Set(INTERNAL_FIELDS));

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] };
}

const AWKWARD_TEXT = ['"', '\\', '\n', '\t', '\r', '\b', '\f', '\u0001', '\u001f', '\u007f', 'ñ', 'Peñailillo', '😀', '\u2028', '\u2029', '</script>', ' ', 'a', '0', ''];
const AWKWARD_NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 123456.789, Number.MAX_VALUE];

describe('public JSON written from stored bytes', () => {
  it('when each register kind is written from its BSON, then the text is the presenter’s JSON to the byte', () => {
    expect(REGISTER_KINDS).to.include.members(['meeting', 'trip', 'gift', 'attestation', 'official']);
    for (const kind of REGISTER_KINDS) {
      const records = [stored(kind), stored(kind, { extraStoredField: 'never shown', notes: 'internal' })];
      expect(fromBytes(kind, records), kind).to.equal(expected(kind, records));
    }
  });

  it('when strings hold quotes, control characters and characters beyond ASCII, then they are escaped as JSON.stringify escapes them', () => {
    const { next, pick } = random(20_141_203);
    for (let round = 0; round < 300; round++) {
      const text = () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(AWKWARD_TEXT)).join('');
      const record = stored('meeting', {
        subject: text(),
        place: text(),
        attendees: [{ name: text(), kind: 'lobbyist', paid: true, represents: [{ name: text() }] }, { name: text(), kind: 'manager', paid: false }],
        notes: text(),
      });
      expect(fromBytes('meeting', [record])).to.equal(expected('meeting', [record]));
    }
  });

  it('when numbers are integers, fractions, large or negative zero, then they are written as JSON.stringify writes them', () => {
    for (const cost of AWKWARD_NUMBERS) {
      const record = stored('trip', { cost });
      expect(fromBytes('trip', [record]), String(cost)).to.equal(expected('trip', [record]));
    }
    const long = stored('trip', { cost: BSON.Long.fromNumber(2 ** 40) });
    expect(fromBytes('trip', [long])).to.equal(expected('trip', [BSON.deserialize(BSON.serialize(long)) as StoredRecord]));
  });

  it('when a record holds what an object would change (a date, binary, a long beyond 2^53, a withdrawal, odd names), then the writer gives it back untouched and the page still reads as the presenter’s', () => {
    const writer = writerFor('meeting');
    const odd: Record<string, StoredRecord> = {
      withdrawn: stored('meeting', { status: 'withdrawn', withdrawal: { reason: 'duplicada', at: '2015-01-01T00:00:00.000Z', by: 'registrar-ab001' } }),
      date: stored('meeting', { subject: new Date('2014-11-03T12:00:00Z') }),
      binary: stored('meeting', { subject: new BSON.Binary(Buffer.from('x')) }),
      long: stored('meeting', { revision: BSON.Long.fromString('9007199254740993') }),
      digitName: stored('meeting', { attendees: [{ name: 'A', kind: 'lobbyist', paid: true, represents: [{ name: 'B', '1': 'x' }] }] }),
      dollarName: stored('meeting', { attendees: [{ name: 'A', kind: 'lobbyist', paid: true, $ref: 'x', $id: 1 }] }),
      storedId: { ...stored('meeting'), id: 'stored' },
      numericId: { ...stored('meeting'), _id: 7 } as unknown as StoredRecord,
    };
    // `__proto__` as a stored name: only raw BSON can carry it, so the document is written by hand.
    const protoBytes = Buffer.from(BSON.serialize({ ...stored('meeting'), protoFiel: { kind: 'x' } }));
    protoBytes.write('__proto__', protoBytes.indexOf('protoFiel'), 'latin1');
    const cases = Object.entries(odd).map(([name, record]) => [name, Buffer.from(BSON.serialize(record))] as const);
    for (const [name, bytes] of [...cases, ['proto', protoBytes] as const]) {
      const out = new JsonBytes(8);
      out.ascii('[');
      expect(writer.write(bytes, out), name).to.equal(false);
      expect(out.done().toString(), name).to.equal('[');
      const page = [stored('meeting'), BSON.deserialize(bytes) as StoredRecord, stored('meeting')];
      const written = arrayOf('meeting', [Buffer.from(BSON.serialize(page[0])), bytes, Buffer.from(BSON.serialize(page[2]))]);
      expect(written, name).to.equal(expected('meeting', page));
    }
  });

  it('when a record is written, then nothing private reaches the text and the buffer grows as it needs', () => {
    const record = stored('person');
    const out = new JsonBytes(4);
    expect(writerFor('person').write(Buffer.from(BSON.serialize(record)), out)).to.equal(true);
    const text = out.done().toString();
    expect(JSON.parse(text)).to.deep.equal(presentRecord(schemas, { kind: 'person' }, record, false));
    for (const secret of ['17654321', 'avaldes@', '2345 6789', 'contact', 'searchTokens', 'organizationIds', '_id']) expect(text).not.to.include(secret);
  });

  it('when nobody is signed in, then no kind lets the caller read a record whole, which the bytes path relies on', () => {
    for (const kind of KINDS) {
      const record = kind === declarationKind ? { ...fixtures.declaration, status: 'submitted' } : stored(kind.kind);
      expect(kind.access.canReadAll(undefined, record), kind.kind).to.equal(false);
    }
  });

  it('when records of one kind differ in their names and their order, then each is written by its own names', () => {
    // A projection made by hand: `note` and `z` shown, `notes` left out, `list` copied as it is.
    const node = (fields: Record<string, ProjectionNode>, items?: ProjectionNode): ProjectionNode => ({
      field: (name) => (Object.hasOwn(fields, name) ? fields[name] : null),
      items: () => items ?? null,
    });
    const leaf = node({});
    const writer = publicRecordWriter(node({ id: leaf, note: leaf, z: leaf, list: node({}) }), new Set());
    const write = (record: Record<string, unknown>) => {
      const out = new JsonBytes(4);
      expect(writer.write(Buffer.from(BSON.serialize(record)), out)).to.equal(true);
      return out.done().toString();
    };
    expect(write({ _id: 'a', note: 'n1', z: 1 })).to.equal('{"id":"a","note":"n1","z":1}');
    // `notes` starts as `note` did: it must not be taken for it.
    expect(write({ _id: 'b', notes: 'n2', z: 2 })).to.equal('{"id":"b","z":2}');
    expect(write({ _id: 'c', z: 3, note: 'n3' })).to.equal('{"id":"c","z":3,"note":"n3"}');
    expect(write({ _id: 'd', note: 'n4', z: 4 })).to.equal('{"id":"d","note":"n4","z":4}');
    // No schema describes the list's items: objects in it are copied whole, as publicProjection copies them.
    const list = [{ a: 1, b: 'two', c: [1, { d: null, e: [] }] }, 3, [{}]];
    expect(write({ _id: 'e', list, hidden: true })).to.equal(JSON.stringify({ id: 'e', list }));
  });

  it('when a kind presents its records with its own step, then no writer is offered for it', () => {
    expect(publicJsonArray(schemas, { kind: 'declaration', present: (shown) => shown })).to.equal(undefined);
  });
});
