/** One failing field: `pointer` is a JSON Pointer into the request (body fields start at "/", query at "/query/"). */
export interface FieldError {
  pointer: string;
  message: string;
}

/** An error the client caused or may act on; rendered as RFC 9457 problem+json or as an error page. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpError';
  }

  get detail(): string {
    return this.message;
  }

  /** A stable, dereferenceable-looking identifier per kind of problem. */
  get type(): string {
    return `https://registry.local/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

export const badRequest = (detail = 'The request is not valid.', errors: FieldError[] = []) =>
  new HttpError(400, 'Bad Request', detail, errors);
export const unauthorized = (detail = 'Authentication is required.') =>
  new HttpError(401, 'Unauthorized', detail, [], { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (detail = 'You may not do this.') => new HttpError(403, 'Forbidden', detail);
export const notFound = (detail = 'Nothing is here.') => new HttpError(404, 'Not Found', detail);
export const methodNotAllowed = (detail = 'This method is not allowed here.') =>
  new HttpError(405, 'Method Not Allowed', detail);
export const conflict = (detail = 'The request conflicts with the current state.', errors: FieldError[] = []) =>
  new HttpError(409, 'Conflict', detail, errors);
export const preconditionFailed = (detail = 'The resource changed since you read it.') =>
  new HttpError(412, 'Precondition Failed', detail);
export const payloadTooLarge = (detail = 'The request body is too large.') =>
  new HttpError(413, 'Payload Too Large', detail);
export const unsupportedMediaType = (detail = 'Send application/json.') =>
  new HttpError(415, 'Unsupported Media Type', detail);
export const unprocessable = (detail = 'The request cannot be processed.', errors: FieldError[] = []) =>
  new HttpError(422, 'Unprocessable Content', detail, errors);
export const preconditionRequired = (detail = 'Send If-Match with the revision you read.') =>
  new HttpError(428, 'Precondition Required', detail);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpError(429, 'Too Many Requests', detail, [], { 'Retry-After': String(retryAfterSeconds) });
export const serviceUnavailable = (detail = 'The service cannot answer now.') =>
  new HttpError(503, 'Service Unavailable', detail);
