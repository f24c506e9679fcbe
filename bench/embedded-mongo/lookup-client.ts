import { MongoClient } from 'mongodb';
import { findSmall, type Small } from './small-documents.js';

/*
 * One client process of the several-clients findOne figure (index.ts): its own official driver and connection pool
 * against the URI it is given (argv: URI, documents in `bench.small`), so that the engine is measured serving clients
 * that do not share one event loop.
 * Protocol over the IPC channel: it answers `ready` once connected; each `{ field, from, count, inFlight }` runs that
 * many findOne and answers `done`; `close` ends it.
 */
export type LookupJob = { field: '_id' | 'email'; from: number; count: number; inFlight: number };

const client = await new MongoClient(process.argv[2]).connect();
const coll = client.db('bench').collection<Small>('small');
const documents = Number(process.argv[3]);

async function run({ field, from, count, inFlight }: LookupJob): Promise<void> {
  let next = from;
  const end = from + count;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < end; i = next++) {
        if ((await findSmall(coll, field, i, documents)) === null) throw new Error(`findOne by ${field} found nothing for lookup ${i}`);
      }
    }),
  );
}

process.on('message', (message: LookupJob | 'close') => {
  if (message === 'close') {
    void client.close().then(() => process.disconnect());
    return;
  }
  run(message).then(
    () => process.send!('done'),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.send!('ready');
