import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const SAFE_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The request's id (an upstream X-Request-Id is kept when it looks safe), echoed on the response. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Request ids and one log line per request. With logging off (`LOG_LEVEL=silent`) requests still get their id, but
 * no per-request child logger (its bindings serialized and redacted) is built only to be thrown away.
 */
export function requestLog(logger: Logger): RequestHandler {
  if (!logger.isLevelEnabled('fatal')) {
    return (req, res, next) => {
      req.id = requestId(req, res);
      next();
    };
  }
  return pinoHttp({
    logger,
    genReqId: requestId,
    customLogLevel(_req, res, error) {
      if (error || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
  });
}
