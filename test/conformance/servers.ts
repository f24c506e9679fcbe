import { MongoClient } from 'mongodb';
import { startRealMongod } from '../../src/db/real-mongod.js';
import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';

export interface Target {
  /** Shown in test titles and in the printed line. */
  label: string;
  client: MongoClient;
}

interface Servers {
  embedded: Target;
  real: Target | null;
  /** Why there is no real mongod, when there is none. */
  realUnavailable: string | null;
  stop(): Promise<void>;
}

async function startServers(): Promise<Servers> {
  const embeddedServer = await startEmbeddedMongo();
  const embeddedClient = await new MongoClient(embeddedServer.uri, { serverSelectionTimeoutMS: 5_000 }).connect();
  let real: Target | null = null;
  let realUnavailable: string | null = null;
  let stopReal = async () => {};
  if (process.env.MONGODB_URI) {
    real = { label: `real mongod (MONGODB_URI)`, client: await new MongoClient(process.env.MONGODB_URI).connect() };
  } else {
    const started = await startRealMongod({ timeoutMs: 15_000 });
    if ('unavailable' in started) realUnavailable = started.unavailable;
    else {
      real = { label: 'real mongod', client: await new MongoClient(started.uri).connect() };
      stopReal = started.stop;
    }
  }
  return {
    embedded: { label: 'embedded engine', client: embeddedClient },
    real,
    realUnavailable,
    async stop() {
      await embeddedClient.close();
      await embeddedServer.stop();
      if (real) await real.client.close();
      await stopReal();
    },
  };
}

/** Started once for every conformance file; stopped after the whole run. */
export const servers = await startServers();

export const serversLine = servers.real
  ? `conformance — embedded engine and ${servers.real.label} (results compared)`
  : `conformance — embedded engine; real mongod: not available (${servers.realUnavailable})`;

console.log(serversLine);

after(async () => {
  await servers.stop();
});
