/**
 * Chilean RUT (tax id) and RUN (national id): a body of up to 8 digits and a módulo 11 check digit (0–9 or K).
 * People and organisations write it many ways (12.345.678-5, 12345678-5, 123456785, 12.345.678-k); the
 * registry stores one canonical form, 12345678-5, so equal ids compare equal.
 */

export interface Rut {
  /** Digits without leading zeros. */
  body: string;
  /** 0–9 or K (upper case). */
  checkDigit: string;
}

const WRITTEN_FORM = /^0*([0-9]{1,3}(?:\.[0-9]{3}){0,2}|[0-9]{1,8})-?([0-9Kk])$/;

/** Splits a written RUT into body and check digit without judging the check digit; undefined when malformed. */
export function parseRut(input: string): Rut | undefined {
  const match = WRITTEN_FORM.exec(input.trim().replace(/\s+/g, ''));
  if (match === null) return undefined;
  const body = match[1].replace(/\./g, '').replace(/^0+/, '');
  if (body === '' || body.length > 8) return undefined;
  return { body, checkDigit: match[2].toUpperCase() };
}

/** The módulo 11 check digit of a RUT body: digits weighted 2, 3, …, 7, 2, 3, … from the right. */
export function rutCheckDigit(body: string): string {
  if (!/^[0-9]+$/.test(body)) throw new RangeError(`A RUT body is digits only, got "${body}"`);
  let sum = 0;
  let weight = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += Number(body[i]) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  const digit = 11 - (sum % 11);
  if (digit === 11) return '0';
  if (digit === 10) return 'K';
  return String(digit);
}

export function isValidRut(input: string): boolean {
  return normalizeRut(input) !== undefined;
}

/** The canonical form 12345678-5, or undefined when the input is malformed or its check digit is wrong. */
export function normalizeRut(input: string): string | undefined {
  const rut = parseRut(input);
  if (rut === undefined || rutCheckDigit(rut.body) !== rut.checkDigit) return undefined;
  return `${rut.body}-${rut.checkDigit}`;
}

/** The display form with thousands dots, 12.345.678-5; undefined when the RUT is not valid. */
export function formatRut(input: string): string | undefined {
  const canonical = normalizeRut(input);
  if (canonical === undefined) return undefined;
  const [body, checkDigit] = canonical.split('-');
  return `${body.replace(/\B(?=([0-9]{3})+$)/g, '.')}-${checkDigit}`;
}
