import { expect } from 'chai';
import { declarationListParameters } from '../../src/declarations/list-query.js';
import { calendarOf, isTimeZone, startOfNextDay, UTC_DAYS } from '../../src/records/calendar.js';

describe('the registry calendar', () => {
  const santiago = calendarOf('America/Santiago');

  it('when a day is in Santiago summer or winter time, then it starts at 03:00 or 04:00 UTC', () => {
    expect(santiago.startOfDay('2024-01-15')).to.equal('2024-01-15T03:00:00.000Z');
    expect(santiago.startOfDay('2024-07-15')).to.equal('2024-07-15T04:00:00.000Z');
    expect(startOfNextDay(santiago, '2024-07-15')).to.equal('2024-07-16T04:00:00.000Z');
  });

  it('when the clocks go back at midnight, then the day before lasts 25 hours and the next starts at the second midnight', () => {
    // 6 April 2024: at 24:00 summer time (03:00 UTC) Santiago's clocks went back to 23:00.
    expect(santiago.startOfDay('2024-04-06')).to.equal('2024-04-06T03:00:00.000Z');
    expect(santiago.startOfDay('2024-04-07')).to.equal('2024-04-07T04:00:00.000Z');
  });

  it('when the clocks jump past midnight, then the day starts when they land, at 01:00', () => {
    // 8 September 2024: at 24:00 winter time (04:00 UTC) the clocks jumped to 01:00; midnight never happened.
    expect(santiago.startOfDay('2024-09-08')).to.equal('2024-09-08T04:00:00.000Z');
    expect(startOfNextDay(santiago, '2024-09-08')).to.equal('2024-09-09T03:00:00.000Z');
    expect(santiago.dayOf('2024-09-08T03:59:59.999Z')).to.equal('2024-09-07');
    expect(santiago.dayOf('2024-09-08T04:00:00.000Z')).to.equal('2024-09-08');
  });

  it('when an instant is late in the evening in Santiago, then its day is that evening, whatever offset it was written in', () => {
    expect(santiago.dayOf('2024-06-01T03:59:59.999Z')).to.equal('2024-05-31');
    expect(santiago.dayOf('2024-05-31T23:59:59-04:00')).to.equal('2024-05-31');
    expect(santiago.dayOf('2024-06-01T04:00:00Z')).to.equal('2024-06-01');
    expect(UTC_DAYS.dayOf('2024-06-01T03:59:59.999Z')).to.equal('2024-06-01');
  });

  it('when a zone is asked for twice, then it is the same calendar; an unknown one is refused', () => {
    expect(calendarOf('America/Santiago')).to.equal(santiago);
    expect(isTimeZone('Pacific/Easter')).to.equal(true);
    expect(isTimeZone('Chile/Nowhere')).to.equal(false);
    expect(() => calendarOf('Chile/Nowhere')).to.throw(RangeError);
    expect(() => santiago.startOfDay('2024-13-45')).to.throw(RangeError);
  });

  it('when filings are listed by year, then the year runs from New Year to New Year in the registry time zone', () => {
    const [clause] = declarationListParameters.clauses({ year: 2024 }, santiago);
    expect(clause).to.deep.equal({ submittedAt: { $gte: '2024-01-01T03:00:00.000Z', $lt: '2025-01-01T03:00:00.000Z' } });
  });
});
