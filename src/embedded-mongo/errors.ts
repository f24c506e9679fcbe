import type { Document } from 'bson';
import { CollationError } from './collation.js';

/** MongoDB's numeric error codes and their names, as the drivers expect them in `code`/`codeName`. */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  Unauthorized: 13,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  MaxTimeMSExpired: 50,
  DollarPrefixedFieldName: 52,
  EmptyFieldName: 56,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  OperationFailed: 96,
  WriteConflict: 112,
  ConflictingOperationInProgress: 117,
  InvalidIndexSpecificationOption: 197,
  NoSuchSession: 206,
  TransactionTooOld: 225,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  TransactionExceededLifetimeLimitSeconds: 290,
  DocumentValidationFailure: 121,
  NotImplemented: 238,
  InvalidPipelineOperator: 168,
  ConversionFailure: 241,
  DuplicateKey: 11000,
} as const;

/** A name from the table, or `Location<code>` for the many codes MongoDB raises from one place only. */
export type ErrorCodeName = keyof typeof ErrorCodes | `Location${number}`;

const NAMES = new Map<number, string>(Object.entries(ErrorCodes).map(([name, code]) => [code, name]));

/** An error that becomes `{ok: 0, errmsg, code, codeName, ...extra}` in a reply or a writeErrors entry. */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(codeName: ErrorCodeName, message: string, extra: Document = {}) {
    super(message);
    this.code = codeName in ErrorCodes ? ErrorCodes[codeName as keyof typeof ErrorCodes] : Number(codeName.slice('Location'.length));
    this.codeName = NAMES.get(this.code) ?? codeName;
    this.extra = extra;
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  toWriteError(index: number): Document {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}

/** Errors after which drivers retry the whole transaction. */
export const TRANSIENT_TRANSACTION = { errorLabels: ['TransientTransactionError'] } as const;

export function writeConflict(): CommandError {
  return new CommandError(
    'WriteConflict',
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    { errorLabels: ['TransientTransactionError'] },
  );
}

/**
 * Anything thrown (mingo errors included) as a CommandError; mingo signals bad queries with plain errors. An operator
 * mingo does not know is MongoDB's unrecognized expression (168); anything else is BadValue with mingo's message.
 */
export function asCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  if (err instanceof CollationError) return new CommandError(err.codeName as ErrorCodeName, err.message);
  const message = err instanceof Error ? err.message : String(err);
  const unknown = /^accumulator '(\$[^']*)' is not registered/.exec(message);
  if (unknown) return new CommandError('InvalidPipelineOperator', `Unrecognized expression '${unknown[1]}'`);
  if (/^cannot convert /.test(message)) return new CommandError('ConversionFailure', message);
  if (/^\$replaceRoot expression must return an object/.test(message)) return new CommandError('Location40228', "'newRoot' expression must evaluate to an object");
  return new CommandError('BadValue', message);
}
