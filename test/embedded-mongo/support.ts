import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from '../../src/embedded-mongo/index.js';

export interface Running {
  server: EmbeddedMongo;
  client: MongoClient;
  db: Db;
}

/** Starts an engine and connects the official driver to it, as an application would. */
export async function startWithClient(options: EmbeddedMongoOptions = {}, dbName = 'test'): Promise<Running> {
  const server = await startEmbeddedMongo(options);
  const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  return { server, client, db: client.db(dbName) };
}

export async function stopAll(running: Running | undefined): Promise<void> {
  if (!running) return;
  await running.client.close();
  await running.server.stop();
}
