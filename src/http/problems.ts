import type { ErrorRequestHandler, Request, Response } from 'express';
import { HttpError } from './errors.js';

/** Maps whatever was thrown to an HttpError; anything unrecognised is a 500 whose cause only the log sees. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const candidate = error as { status?: unknown; type?: unknown; code?: unknown; expose?: unknown };
  // body-parser and other http-errors style failures carry a status and a safe, generic meaning.
  if (typeof candidate?.status === 'number' && candidate.status >= 400 && candidate.status < 500) {
    switch (candidate.type) {
      case 'entity.too.large':
        return new HttpError(413, 'Payload Too Large', 'The request body is too large.');
      case 'entity.parse.failed':
        return new HttpError(400, 'Bad Request', 'The body is not valid JSON.');
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return new HttpError(415, 'Unsupported Media Type', 'Send UTF-8 JSON.');
      default:
        return new HttpError(candidate.status, 'Bad Request', 'The request could not be read.');
    }
  }
  // A unique index refused a duplicate: the client can fix it, so it is not a server fault.
  if (candidate?.code === 11000) return new HttpError(409, 'Conflict', 'A record with the same unique value already exists.');
  return new HttpError(500, 'Internal Server Error', 'Something went wrong on our side; it has been logged.');
}

export function wantsProblemJson(req: Request): boolean {
  // Only a client that prefers HTML (a browser) gets a page; no Accept header means a program.
  return req.path.startsWith('/api') || req.accepts(['json', 'html']) !== 'html';
}

/** One renderer: problem+json for the API and for non-browser clients, an error page for browsers. */
export function problemHandler(): ErrorRequestHandler {
  return (error, req, res, next) => {
    const problem = toHttpError(error);
    if (problem.status >= 500) req.log?.error({ err: error }, 'request failed');
    if (res.headersSent) return next(error);
    res.status(problem.status).set(problem.headers);
    if (wantsProblemJson(req)) sendProblem(req, res, problem);
    else res.render('error', { title: problem.title, status: problem.status, detail: problem.detail, requestId: String(req.id) });
  };
}

function sendProblem(req: Request, res: Response, problem: HttpError): void {
  res.type('application/problem+json').send(
    JSON.stringify({
      type: problem.type,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: req.originalUrl.split('?')[0],
      requestId: String(req.id),
      errors: problem.errors,
    }),
  );
}
