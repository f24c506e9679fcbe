import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_TIME_ZONE, isTimeZone } from './records/calendar.js';

export type NodeEnv = 'development' | 'production' | 'test';
export type JwtAlgorithm = 'HS256' | 'HS384' | 'HS512';

export interface Config {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  mongodbUri?: string;
  /** How long to wait for a MongoDB server to answer before an operation (the start-up check included) fails. */
  mongodbServerSelectionTimeoutMs: number;
  dataDir: string;
  logLevel: string;
  bodyLimit: string;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  /** Processes serving HTTP; above 1, a primary process holds the database and forks that many instances. */
  webConcurrency: number;
  mongodDownloadTimeoutMs: number;
  jwt: {
    /** Absent only until `ensureJwtSecret` has run in development or test. */
    secret?: string;
    algorithm: JwtAlgorithm;
    issuer: string;
    audience: string;
    ttlSeconds: number;
  };
  authRateLimit: { windowMs: number; max: number };
  /** The IANA time zone whose days a date without a time names (list bounds, attested months, filing years). */
  timeZone: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads the environment into a Config; collects every problem before failing so an operator fixes them in one pass. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = read(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = read(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const value = read(name);
    if (value === undefined) return fallback;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  };

  const nodeEnv = oneOf<NodeEnv>('NODE_ENV', ['development', 'production', 'test'], 'development');
  const mongodbUri = read('MONGODB_URI');
  if (mongodbUri !== undefined && !/^mongodb(\+srv)?:\/\/.+/.test(mongodbUri)) {
    problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  }
  const host = read('HOST') ?? '0.0.0.0';
  if (!isHost(host)) problems.push(`HOST must be an IP address or a host name (got "${host}")`);
  const bodyLimit = read('BODY_LIMIT') ?? '1mb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) problems.push(`BODY_LIMIT must look like 100kb or 1mb (got "${bodyLimit}")`);

  const timeZone = read('REGISTRY_TIME_ZONE') ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) problems.push(`REGISTRY_TIME_ZONE must be an IANA time zone such as America/Santiago or UTC (got "${timeZone}")`);

  const secret = read('JWT_SECRET');
  if (secret !== undefined && secret.length < 32) problems.push('JWT_SECRET must be at least 32 characters long');
  if (secret === undefined && nodeEnv === 'production') problems.push('JWT_SECRET is required when NODE_ENV=production');

  const config: Config = {
    nodeEnv,
    host,
    port: integer('PORT', 3000, 0, 65535),
    mongodbUri,
    mongodbServerSelectionTimeoutMs: integer('MONGODB_SERVER_SELECTION_TIMEOUT_MS', 5000, 100, 600_000),
    dataDir: path.resolve(read('DATA_DIR') ?? './data'),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], nodeEnv === 'test' ? 'silent' : 'info'),
    bodyLimit,
    trustProxy: boolean('TRUST_PROXY', false),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    webConcurrency: integer('WEB_CONCURRENCY', 1, 1, 64),
    mongodDownloadTimeoutMs: integer('MONGOD_DOWNLOAD_TIMEOUT_MS', 15_000, 0, 600_000),
    jwt: {
      secret,
      algorithm: oneOf<JwtAlgorithm>('JWT_ALGORITHM', ['HS256', 'HS384', 'HS512'], 'HS256'),
      issuer: read('JWT_ISSUER') ?? 'lobby-registry',
      audience: read('JWT_AUDIENCE') ?? 'lobby-registry-api',
      ttlSeconds: integer('JWT_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
    },
    authRateLimit: {
      windowMs: integer('AUTH_RATE_LIMIT_WINDOW_MS', 15 * 60_000, 1000, 24 * 3600_000),
      max: integer('AUTH_RATE_LIMIT_MAX', 20, 1, 100_000),
    },
    timeZone,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

// RFC 1123 labels; a bare name such as "localhost" is allowed, a URL or a port is not.
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function isHost(value: string): boolean {
  return isIP(value) !== 0 || HOST_NAME.test(value);
}

/** Whether the start needs DATA_DIR: for a generated JWT secret, or for a database this process runs itself. */
export function needsDataDir(config: Config): boolean {
  return config.jwt.secret === undefined || config.mongodbUri === undefined;
}

/**
 * Creates DATA_DIR when missing and proves it is a writable directory, so a bad path is one configuration line
 * before anything starts rather than a file-system stack from deep inside a database start.
 */
export function prepareDataDir(config: Pick<Config, 'dataDir'>): void {
  try {
    mkdirSync(config.dataDir, { recursive: true });
    if (!statSync(config.dataDir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(config.dataDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError([`DATA_DIR ${config.dataDir} is not a writable directory (${code})`]);
  }
}

/**
 * Outside production a missing secret is generated once and kept in the data directory,
 * so tokens survive restarts without the operator configuring anything.
 */
export function ensureJwtSecret(config: Config): Config & { jwt: { secret: string } } {
  if (config.jwt.secret !== undefined) return config as Config & { jwt: { secret: string } };
  const file = path.join(config.dataDir, 'jwt-secret');
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    secret = randomBytes(48).toString('base64url');
    try {
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process sharing the data directory wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      secret = readFileSync(file, 'utf8').trim();
    }
  }
  return { ...config, jwt: { ...config.jwt, secret } };
}
