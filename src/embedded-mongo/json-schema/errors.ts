/** A schema mongod would refuse; carries the code and codeName it answers with so commands can reply alike. */
export class JsonSchemaError extends Error {
  readonly codeName: string;
  constructor(
    readonly code: 2 | 9 | 14,
    message: string,
  ) {
    super(message);
    this.name = 'JsonSchemaError';
    this.codeName = CODE_NAMES[code];
  }
}

const CODE_NAMES = { 2: 'BadValue', 9: 'FailedToParse', 14: 'TypeMismatch' } as const;

export const badValue = (message: string) => new JsonSchemaError(2, message);
export const failedToParse = (message: string) => new JsonSchemaError(9, message);
export const typeMismatch = (message: string) => new JsonSchemaError(14, message);
