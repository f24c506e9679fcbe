import type { Document } from 'bson';
import { expect } from 'chai';
import { type AnyDoc, conformance, type Outcome } from './harness.js';

const result = (o: Outcome) => (o as { result: Document }).result;
const keys = (o: Outcome) => Object.keys(result(o)).sort();
const code = (o: Outcome) => (o as { error: Document }).error.code;

conformance('server commands', [
  {
    name: 'when a client says hello, then the reply names a writable primary with the wire limits',
    action: (db) => db.admin().command({ hello: 1 }),
    check: (o) => {
      const r = result(o);
      expect(r).to.include({ isWritablePrimary: true, ok: 1 });
      expect(r.maxBsonObjectSize).to.equal(16777216);
      expect(r.maxMessageSizeBytes).to.equal(48000000);
      expect(r.maxWriteBatchSize).to.equal(100000);
      expect(r.minWireVersion).to.equal(0);
      expect(r.maxWireVersion).to.be.at.least(17);
    },
    same: (o) => ['isWritablePrimary', 'maxBsonObjectSize', 'maxMessageSizeBytes', 'maxWriteBatchSize', 'ok'].map((k) => result(o)[k]),
  },
  {
    name: 'when a client sends the legacy isMaster, then it is answered like hello with ismaster true',
    action: (db) => db.admin().command({ isMaster: 1 }),
    check: (o) => expect(result(o)).to.include({ ismaster: true, ok: 1 }),
    same: (o) => [result(o).ismaster, result(o).ok],
  },
  {
    name: 'when ping is sent, then ok is 1',
    action: (db) => db.admin().command({ ping: 1 }),
    result: { ok: 1 },
  },
  {
    name: 'when buildInfo is asked, then it reports a version string and version array',
    action: (db) => db.admin().command({ buildInfo: 1 }),
    check: (o) => {
      const r = result(o);
      expect(r.version).to.match(/^\d+\.\d+\.\d+/);
      expect(r.versionArray).to.be.an('array').with.length.at.least(3);
      expect(r.ok).to.equal(1);
    },
    same: (o) => typeof result(o).version,
  },
  {
    name: 'when listDatabases is asked after a write, then the database is listed with a size',
    setup: (db) => db.collection<AnyDoc>('c').insertOne({ _id: 1 }),
    action: async (db) => {
      const r = await db.admin().command({ listDatabases: 1 });
      const mine = (r.databases as Document[]).find((d) => d.name === db.databaseName);
      return { ok: r.ok, listed: Boolean(mine), sizeIsNumber: typeof mine?.sizeOnDisk === 'number', empty: mine?.empty, totalSize: typeof r.totalSize };
    },
    result: { ok: 1, listed: true, sizeIsNumber: true, empty: false, totalSize: 'number' },
  },
  {
    name: 'when listDatabases asks for names only, then only names come back',
    setup: (db) => db.collection<AnyDoc>('c').insertOne({ _id: 1 }),
    action: async (db) => {
      const r = await db.admin().command({ listDatabases: 1, nameOnly: true });
      const mine = (r.databases as Document[]).find((d) => d.name === db.databaseName);
      return Object.keys(mine ?? {});
    },
    result: ['name'],
  },
  {
    name: 'when serverStatus is asked, then it has host, version, uptime, connections and opcounters',
    action: (db) => db.admin().command({ serverStatus: 1 }),
    check: (o) => {
      const r = result(o);
      for (const k of ['host', 'version', 'uptime', 'connections', 'opcounters', 'ok']) expect(r, k).to.have.property(k);
      expect(r.connections.current).to.be.at.least(1);
    },
    same: (o) => ['host', 'version', 'uptime', 'connections', 'opcounters', 'ok'].every((k) => k in result(o)),
  },
  {
    name: 'when dbStats is asked of a database with two documents, then it counts collections and objects',
    setup: (db) => db.collection<AnyDoc>('c').insertMany([{ _id: 1 }, { _id: 2 }]),
    action: async (db) => {
      const r = await db.command({ dbStats: 1 });
      return { db: r.db, collections: r.collections, objects: r.objects, ok: r.ok, dataSize: typeof r.dataSize };
    },
    check: (o) => expect(result(o)).to.deep.include({ collections: 1, objects: 2, ok: 1, dataSize: 'number' }),
    same: (o) => ({ ...result(o), db: undefined }),
  },
  {
    name: 'when collStats is asked, then it reports the namespace, count and index count',
    setup: async (db) => {
      await db.collection<AnyDoc>('c').insertMany([{ _id: 1, a: 1 }, { _id: 2, a: 2 }, { _id: 3, a: 3 }]);
      await db.collection<AnyDoc>('c').createIndex({ a: 1 });
    },
    action: async (db) => {
      const r = await db.command({ collStats: 'c' });
      return { ns: r.ns.split('.')[1], count: r.count, nindexes: r.nindexes, ok: r.ok, size: typeof r.size };
    },
    result: { ns: 'c', count: 3, nindexes: 2, ok: 1, size: 'number' },
  },
  {
    name: 'when collStats names a missing collection, then it fails with NamespaceNotFound',
    action: (db) => db.command({ collStats: 'nothing_here' }),
    error: { code: 26, codeName: 'NamespaceNotFound' },
    same: (o) => (o as { error: Document }).error.code,
  },
  {
    name: 'when an unknown command is sent, then it fails with CommandNotFound (59) naming the command',
    action: (db) => db.command({ frobnicate: 1 }),
    error: { code: 59, codeName: 'CommandNotFound', message: /no such command: 'frobnicate'/ },
  },
  {
    name: 'when connectionStatus is asked without auth, then no users are authenticated',
    action: async (db) => {
      const r = await db.admin().command({ connectionStatus: 1 });
      return { users: r.authInfo.authenticatedUsers, ok: r.ok };
    },
    result: { users: [], ok: 1 },
  },
  {
    name: 'when hello is asked, then it carries the expected keys',
    action: (db) => db.admin().command({ hello: 1 }),
    check: (o) => expect(keys(o)).to.include.members(['isWritablePrimary', 'maxBsonObjectSize', 'maxWireVersion', 'ok']),
    same: (o) => ['isWritablePrimary', 'maxBsonObjectSize', 'maxWireVersion', 'ok'].every((k) => keys(o).includes(k)),
  },
  {
    name: 'when setParameter turns the TTL monitor off and on again, then each answer holds the value before, and getParameter follows',
    action: async (db) => {
      const admin = db.admin();
      const off = await admin.command({ setParameter: 1, ttlMonitorEnabled: false });
      const seen = (await admin.command({ getParameter: 1, ttlMonitorEnabled: 1 })).ttlMonitorEnabled;
      const on = await admin.command({ setParameter: 1, ttlMonitorEnabled: true });
      return { off: off.was, seen, on: on.was };
    },
    result: { off: true, seen: false, on: false },
  },
  {
    name: 'when setParameter changes the TTL monitor\'s period, then it answers the default it had',
    action: async (db) => {
      const changed = await db.admin().command({ setParameter: 1, ttlMonitorSleepSecs: 30 });
      const restored = await db.admin().command({ setParameter: 1, ttlMonitorSleepSecs: 60 });
      return [changed.was, restored.was];
    },
    result: [60, 30],
  },
  {
    name: 'when setParameter names a parameter the server does not have, then it fails with InvalidOptions (72)',
    action: (db) => db.admin().command({ setParameter: 1, noSuchParameter: 1 }),
    error: { code: 72, message: /attempted to set unrecognized parameter \[noSuchParameter\]/ },
    same: code,
  },
  {
    name: 'when setParameter names a property every object has, then it is an unknown parameter too (72)',
    action: (db) => db.admin().command({ setParameter: 1, constructor: 1 }),
    error: { code: 72, message: /attempted to set unrecognized parameter \[constructor\]/ },
    same: code,
  },
  {
    name: 'when setParameter names a parameter set only at start, then it fails with IllegalOperation (20)',
    action: (db) => db.admin().command({ setParameter: 1, authenticationMechanisms: ['SCRAM-SHA-256'] }),
    error: { code: 20, message: /not allowed to change \[authenticationMechanisms\] at runtime/ },
    same: code,
  },
  {
    name: 'when setParameter names no parameter, then it fails with InvalidOptions (72)',
    action: (db) => db.admin().command({ setParameter: 1 }),
    error: { code: 72, message: /no option found to set/ },
    same: code,
  },
  {
    name: 'when setParameter gives a parameter a value of the wrong type, then it fails with BadValue (2) and nothing changes',
    action: async (db) => {
      let failed: number | undefined;
      try {
        await db.admin().command({ setParameter: 1, ttlMonitorEnabled: 'no' });
      } catch (err) {
        failed = (err as { code: number }).code;
      }
      return { failed, still: (await db.admin().command({ getParameter: 1, ttlMonitorEnabled: 1 })).ttlMonitorEnabled };
    },
    result: { failed: 2, still: true },
  },
  {
    name: 'when setParameter runs on a database other than admin, then it fails with Unauthorized (13)',
    action: (db) => db.command({ setParameter: 1, ttlMonitorEnabled: true }),
    error: { code: 13 },
    same: code,
  },
]);
