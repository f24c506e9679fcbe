import { expect } from 'chai';
import { latestFiling } from '../../src/declarations/latest.js';
import { matchKeysOf, storedKeysOf } from '../../src/declarations/organization-keys.js';

describe('choosing an official\'s current declaration', () => {
  const initial = { id: 'a', type: 'initial', submittedAt: '2024-01-10T00:00:00Z' };
  const periodic = { id: 'b', type: 'periodic', submittedAt: '2024-03-20T00:00:00Z' };

  it('when filings are plain, then the last submitted is current', () => {
    expect(latestFiling([periodic, initial])?.id).to.equal('b');
  });

  it('when the latest filing is rectified, then the rectification is current', () => {
    expect(latestFiling([initial, periodic, { id: 'c', type: 'rectification', rectifies: 'b', submittedAt: '2024-04-01T00:00:00Z' }])?.id).to.equal('c');
  });

  it('when an older filing is rectified later, then the newer filing stays current', () => {
    expect(latestFiling([initial, periodic, { id: 'c', type: 'rectification', rectifies: 'a', submittedAt: '2024-05-01T00:00:00Z' }])?.id).to.equal('b');
  });

  it('when a rectification is itself rectified, then the last of the chain is current', () => {
    const filings = [periodic, { id: 'c', type: 'rectification', rectifies: 'b', submittedAt: '2024-04-01T00:00:00Z' }, { id: 'd', type: 'rectification', rectifies: 'c', submittedAt: '2024-04-02T00:00:00Z' }];
    expect(latestFiling(filings)?.id).to.equal('d');
  });

  it('when there is no submitted filing, then there is none', () => {
    expect(latestFiling([])).to.equal(undefined);
  });
});

describe('organisation keys for search by company', () => {
  it('when a company is named with a tax id, then it is found by that tax id and not by another company of the same name', () => {
    const stored = storedKeysOf({ name: 'Minera Los Andes S.A.', taxId: '96.505.760-9' });
    expect(stored).to.deep.equal(['rut:96505760-9', 'name:minera los andes']);
    expect(matchKeysOf({ name: 'Minera Los Andes', taxId: '76124890-1' }).some((key) => stored.includes(key))).to.equal(false);
    expect(matchKeysOf({ name: 'Otra', taxId: '96505760-9' }).some((key) => stored.includes(key))).to.equal(true);
  });

  it('when a company is named without a tax id, then any organisation of that normalised name finds it', () => {
    const stored = storedKeysOf({ name: 'MINERA LOS ANDES LTDA.' });
    expect(matchKeysOf({ name: 'Minera Los Andes S.A.', taxId: '96505760-9' }).some((key) => stored.includes(key))).to.equal(true);
    expect(matchKeysOf({ name: 'Minera los Andes' }).some((key) => stored.includes(key))).to.equal(true);
  });
});
