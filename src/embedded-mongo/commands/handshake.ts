import { Binary, Long, Timestamp, type Document } from 'bson';
import type { CommandContext, CommandHandler } from './context.js';

export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
export const MAX_WRITE_BATCH_SIZE = 100_000;
export const SERVER_VERSION = '7.0.0';

/** A single-member replica set primary, which is what lets drivers use sessions and retryable writes. */
export function helloReply(ctx: CommandContext, legacyName: boolean): Document {
  const { server, engine } = ctx;
  const opTime = { ts: engine.operationTime(), t: Long.fromNumber(1) };
  const lastWriteDate = engine.lastWriteDate();
  return {
    ...(legacyName ? { ismaster: true } : { isWritablePrimary: true }),
    topologyVersion: { processId: server.processId, counter: Long.fromNumber(0) },
    hosts: [server.address],
    setName: server.setName,
    setVersion: 1,
    secondary: false,
    primary: server.address,
    me: server.address,
    electionId: server.electionId,
    lastWrite: { opTime, lastWriteDate, majorityOpTime: opTime, majorityWriteDate: lastWriteDate },
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ...(ctx.body.helloOk ? { helloOk: true } : {}),
    ok: 1,
  };
}

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'disabled' },
  ok: 1,
});

const serverStatus: CommandHandler = (ctx) => {
  const uptime = (Date.now() - ctx.engine.startedAt.getTime()) / 1000;
  return {
    host: ctx.server.address,
    version: SERVER_VERSION,
    process: 'embedded-mongo',
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor(uptime),
    uptimeMillis: Long.fromNumber(Math.floor(uptime * 1000)),
    localTime: new Date(),
    connections: { current: 1, available: 1000 },
    mem: { resident: Math.round(process.memoryUsage().rss / 1048576), virtual: 0 },
    storageEngine: { name: 'embedded', persistent: ctx.engine.persistent },
    opcounters: { ...ctx.engine.opcounters },
    metrics: {
      cursor: { open: { total: ctx.engine.cursors.size } },
      ttl: { deletedDocuments: Long.fromNumber(ctx.engine.ttl.deletedDocuments), passes: Long.fromNumber(ctx.engine.ttl.passes) },
    },
    ok: 1,
  };
};

export const handshakeCommands: Record<string, CommandHandler> = {
  hello: (ctx) => helloReply(ctx, false),
  isMaster: (ctx) => helloReply(ctx, true),
  ismaster: (ctx) => helloReply(ctx, true),
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  killAllSessions: () => ({ ok: 1 }),
  refreshSessions: () => ({ ok: 1 }),
  logout: () => ({ ok: 1 }),
  whatsmyuri: (ctx) => ({ you: `127.0.0.1:${ctx.connectionId}`, ok: 1 }),
  serverStatus,
  getCmdLineOpts: () => ({ argv: ['embedded-mongo'], parsed: {}, ok: 1 }),
  hostInfo: () => ({ system: { currentTime: new Date(), hostname: 'embedded', numCores: 1 }, os: { type: process.platform }, extra: {}, ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getLog: (ctx) =>
    ctx.body.getLog === '*' ? { names: ['global', 'startupWarnings'], ok: 1 } : { totalLinesWritten: 0, log: [], ok: 1 },
  getFreeMonitoringStatus: () => ({ state: 'disabled', ok: 1 }),
  replSetGetStatus: (ctx) => ({
    set: ctx.server.setName,
    date: new Date(),
    myState: 1,
    members: [{ _id: 0, name: ctx.server.address, health: 1, state: 1, stateStr: 'PRIMARY', self: true }],
    ok: 1,
  }),
};

const ZERO_SIGNATURE = { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.fromNumber(0) };
const gossiped = new WeakMap<object, { ts: Timestamp; fields: Document }>();

/**
 * The gossiped cluster time; a zero signature is what an unauthenticated deployment sends.
 * Built once per write, not once per command: reads between writes all report the same time.
 */
export function clusterTimeFields(ctx: Pick<CommandContext, 'engine'>): Document {
  const ts = ctx.engine.operationTime();
  const cached = gossiped.get(ctx.engine);
  if (cached?.ts === ts) return cached.fields;
  const fields = { $clusterTime: { clusterTime: ts, signature: ZERO_SIGNATURE }, operationTime: ts };
  gossiped.set(ctx.engine, { ts, fields });
  return fields;
}
