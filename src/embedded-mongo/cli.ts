import { parseArgs } from 'node:util';
import { startEmbeddedMongo } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    dbpath: { type: 'string' },
    bind_ip: { type: 'string', default: '127.0.0.1' },
  },
});

const log = (message: string) => process.stderr.write(`${new Date().toISOString()} ${message}\n`);

const server = await startEmbeddedMongo({
  port: Number(values.port),
  host: values.bind_ip,
  dbPath: values.dbpath,
  log,
});
console.log(`embedded MongoDB-compatible server listening on ${server.uri}${values.dbpath ? ` (data: ${values.dbpath})` : ' (memory only)'}`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal} received, checkpointing and stopping`);
  server.stop().then(
    () => process.exit(0),
    (err: Error) => {
      log(`stop failed: ${err.message}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
