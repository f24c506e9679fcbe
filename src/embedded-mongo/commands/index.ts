import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import type { CommandContext, CommandHandler } from './context.js';
import { handshakeCommands } from './handshake.js';
import { writeCommands } from './write.js';
import { explainFind, findCommands } from './find.js';
import { findAndModifyCommands } from './find-and-modify.js';
import { aggregateCommands, explainAggregate } from './aggregate.js';
import { collectionCommands } from './collections.js';
import { indexCommands } from './indexes.js';
import { sessionCommands } from './sessions.js';
import { parameterCommands } from './parameters.js';

const explain: CommandHandler = (ctx) => {
  const inner = ctx.body.explain;
  if (!inner || typeof inner !== 'object') throw new CommandError('FailedToParse', 'explain command requires a nested object');
  const innerCtx: CommandContext = { ...ctx, body: inner as Document };
  const name = Object.keys(inner)[0];
  let result: Document;
  if (name === 'find') result = explainFind(innerCtx);
  else if (name === 'aggregate') result = explainAggregate(innerCtx);
  else if (name === 'count' || name === 'distinct') {
    const query = (inner as Document).query as Document | undefined;
    result = explainFind({ ...ctx, body: { find: (inner as Document)[name], filter: query } });
  } else throw new CommandError('CommandNotFound', `Explain failed due to unknown command: ${name}`);
  return { ...result, command: inner, serverInfo: { host: ctx.server.address, version: '7.0.0' }, ok: 1 };
};

const COMMANDS = new Map<string, CommandHandler>(
  Object.entries({
    ...handshakeCommands,
    ...writeCommands,
    ...findCommands,
    ...findAndModifyCommands,
    ...aggregateCommands,
    ...collectionCommands,
    ...indexCommands,
    ...sessionCommands,
    ...parameterCommands,
    explain,
  }),
);

function count(ctx: CommandContext, name: string): void {
  const counters = ctx.engine.opcounters;
  const { body } = ctx;
  if (name === 'find') counters.query++;
  else if (name === 'getMore') counters.getmore++;
  else if (name === 'insert') counters.insert += Array.isArray(body.documents) ? body.documents.length : 0;
  else if (name === 'update') counters.update += Array.isArray(body.updates) ? body.updates.length : 0;
  else if (name === 'delete') counters.delete += Array.isArray(body.deletes) ? body.deletes.length : 0;
  else counters.command++;
}

/** Runs one command; errors are thrown as CommandError for the server to turn into {ok: 0}. */
export function runCommand(ctx: CommandContext): Document {
  const name = Object.keys(ctx.body)[0];
  const handler = name === undefined ? undefined : COMMANDS.get(name);
  if (!handler) throw new CommandError('CommandNotFound', `no such command: '${name ?? ''}'`);
  count(ctx, name!);
  if (ctx.body.lsid === undefined) return handler(ctx);
  return ctx.engine.sessions.run(ctx.body, name!, (binding) => {
    ctx.txn = binding.txn;
    return handler(ctx);
  });
}
