import { expect } from 'chai';

describe('toolchain', () => {
  it('when a TypeScript test runs, then it sees strict typing at work', () => {
    const sum = [1, 2, 3].reduce((a: number, b: number) => a + b, 0);
    expect(sum).to.equal(6);
  });
});
