import { expect } from 'chai';
import { formatRut, isValidRut, normalizeRut, parseRut, rutCheckDigit } from '../../src/registry/rut.js';

describe('RUT / RUN', () => {
  it('when the check digit is computed by módulo 11, then known RUTs get theirs, K and 0 included', () => {
    expect(rutCheckDigit('12345678')).to.equal('5');
    expect(rutCheckDigit('76086428')).to.equal('5');
    expect(rutCheckDigit('10000013')).to.equal('K');
    expect(rutCheckDigit('19876543')).to.equal('0');
  });

  it('when a RUT is written with dots, without hyphen, with spaces or lowercase k, then it normalises to body-digit', () => {
    expect(normalizeRut('12.345.678-5')).to.equal('12345678-5');
    expect(normalizeRut('12345678-5')).to.equal('12345678-5');
    expect(normalizeRut('123456785')).to.equal('12345678-5');
    expect(normalizeRut(' 12 345 678-5 ')).to.equal('12345678-5');
    expect(normalizeRut('10.000.013-k')).to.equal('10000013-K');
    expect(normalizeRut('1.234-3')).to.equal('1234-3');
  });

  it('when the check digit is wrong, then the RUT is invalid and has no normal form', () => {
    expect(isValidRut('12.345.678-4')).to.equal(false);
    expect(normalizeRut('12.345.678-4')).to.equal(undefined);
    expect(isValidRut('12.345.678-5')).to.equal(true);
  });

  it('when the input is malformed, then it does not parse', () => {
    for (const input of ['', '-', '12,345,678-5', '0-0', '123.456.789-0', '12.34.678-5', 'ABC-1', '12345678-X']) {
      expect(parseRut(input), input).to.equal(undefined);
    }
  });

  it('when a RUT parses, then body and check digit come apart, leading zeros dropped, before any check', () => {
    expect(parseRut('012.345.678-4')).to.deep.equal({ body: '12345678', checkDigit: '4' });
  });

  it('when a valid RUT is formatted for display, then it gets thousands dots', () => {
    expect(formatRut('123456785')).to.equal('12.345.678-5');
    expect(formatRut('8765432-k')).to.equal('8.765.432-K');
    expect(formatRut('12345678-4')).to.equal(undefined);
  });
});
