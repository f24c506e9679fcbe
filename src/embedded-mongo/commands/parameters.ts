import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import type { CommandContext, CommandHandler } from './context.js';

/** A server parameter: its value, and how setParameter changes it when it may change at runtime. */
interface Parameter {
  get(ctx: CommandContext): unknown;
  /** Absent: set only at start, as mongod's startup-only parameters. */
  set?: {
    /** The value to apply; throws a message when the given one will not do. */
    parse(value: unknown): unknown;
    apply(ctx: CommandContext, value: never): void;
  };
}

const constant = (value: unknown): Parameter => ({ get: () => value });

/** A parameter in whole seconds, at least 1; also what `npm run db -- --setParameter` accepts. */
export function wholeSeconds(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`${String(value)} is not a whole number of seconds, at least 1`);
  return value;
}

/** Parameters drivers, Mongoose and tools query at start-up, and those the server runs with. */
const PARAMETERS: Record<string, Parameter> = {
  featureCompatibilityVersion: constant({ version: '7.0' }),
  authenticationMechanisms: constant([]),
  maxBSONDepth: constant(100),
  ttlMonitorSleepSecs: {
    get: (ctx) => ctx.engine.ttl.sleepSecs,
    set: { parse: wholeSeconds, apply: (ctx, seconds: number) => ctx.engine.setTtlSleep(seconds) },
  },
  ttlMonitorEnabled: {
    get: (ctx) => ctx.engine.ttl.enabled,
    set: {
      parse: (value) => {
        if (typeof value !== 'boolean') throw new Error(`expected a boolean, got ${typeof value}`);
        return value;
      },
      apply: (ctx, enabled: boolean) => {
        ctx.engine.ttl.enabled = enabled;
      },
    },
  },
  transactionLifetimeLimitSeconds: {
    get: (ctx) => ctx.engine.sessions.lifetimeLimitMs / 1000,
    set: {
      parse: wholeSeconds,
      apply: (ctx, seconds: number) => {
        ctx.engine.sessions.lifetimeLimitMs = seconds * 1000;
      },
    },
  },
};

/** Fields a command may carry besides what it asks: the driver's envelope. */
const GENERIC_ARGUMENTS = new Set(['$db', 'lsid', 'txnNumber', '$clusterTime', '$readPreference', 'comment', 'apiVersion', 'apiStrict', 'apiDeprecationErrors', 'maxTimeMS', 'writeConcern', 'readConcern']);

const getParameter: CommandHandler = (ctx) => {
  const all = ctx.body.getParameter === '*';
  const reply: Document = {};
  for (const [name, parameter] of Object.entries(PARAMETERS)) if (all || ctx.body[name] !== undefined) reply[name] = parameter.get(ctx);
  return { ...reply, ok: 1 };
};

/** mongod's setParameter: every named parameter is checked before any changes; `was` is the first one's old value. */
const setParameter: CommandHandler = (ctx) => {
  if (ctx.db !== 'admin') throw new CommandError('Unauthorized', 'setParameter may only be run against the admin database.');
  const named = Object.entries(ctx.body).filter(([name]) => name !== 'setParameter' && !GENERIC_ARGUMENTS.has(name));
  if (named.length === 0) throw new CommandError('InvalidOptions', 'no option found to set, use help:true to see options ');
  const changes = named.map(([name, given]) => {
    const parameter = Object.hasOwn(PARAMETERS, name) ? PARAMETERS[name] : undefined;
    if (parameter === undefined) throw new CommandError('InvalidOptions', `attempted to set unrecognized parameter [${name}], use help:true to see options `);
    if (parameter.set === undefined) throw new CommandError('IllegalOperation', `not allowed to change [${name}] at runtime`);
    try {
      return { parameter, setter: parameter.set, value: parameter.set.parse(given) };
    } catch (err) {
      throw new CommandError('BadValue', `Invalid value for ${name}: ${(err as Error).message}`);
    }
  });
  const was = changes[0].parameter.get(ctx);
  for (const { setter, value } of changes) setter.apply(ctx, value as never);
  return { was, ok: 1 };
};

export const parameterCommands: Record<string, CommandHandler> = { getParameter, setParameter };
