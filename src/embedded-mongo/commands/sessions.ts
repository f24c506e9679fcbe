import { UUID, type Document } from 'bson';
import { CommandError } from '../errors.js';
import type { CommandHandler } from './context.js';

/** Reached only without an lsid: with one, the session registry answers these itself. */
const outsideSession = (name: string): CommandHandler => () => {
  throw new CommandError('InvalidOptions', `'${name}' must be run within a session`);
};

const endSessions: CommandHandler = (ctx) => {
  const lsids = ctx.body.endSessions;
  if (!Array.isArray(lsids)) throw new CommandError('TypeMismatch', "BSON field 'endSessions' is the wrong type, expected type 'array'");
  ctx.engine.sessions.end(lsids);
  return { ok: 1 };
};

const killSessions: CommandHandler = (ctx) => {
  const lsids = ctx.body.killSessions;
  if (Array.isArray(lsids)) ctx.engine.sessions.end(lsids);
  return { ok: 1 };
};

export const sessionCommands: Record<string, CommandHandler> = {
  startSession: (): Document => ({ id: { id: new UUID() }, timeoutMinutes: 30, ok: 1 }),
  endSessions,
  killSessions,
  commitTransaction: outsideSession('commitTransaction'),
  abortTransaction: outsideSession('abortTransaction'),
};
