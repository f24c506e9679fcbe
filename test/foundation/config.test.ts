import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, ensureJwtSecret, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('when nothing is set, then the defaults serve port 3000 from ./data with HS256 tokens for one hour', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3000);
    expect(config.nodeEnv).to.equal('development');
    expect(config.dataDir).to.equal(path.resolve('data'));
    expect(config.mongodbUri).to.equal(undefined);
    expect(config.jwt).to.include({ algorithm: 'HS256', ttlSeconds: 3600 });
  });

  it('when several values are wrong, then every problem is reported, one line each', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', NODE_ENV: 'staging', MONGODB_URI: 'postgres://x', JWT_ALGORITHM: 'none', BODY_LIMIT: 'lots' });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).to.have.length(5);
    expect(problems.join('\n')).to.match(/^PORT must be a whole number/m);
    expect(problems.join('\n')).to.match(/^NODE_ENV must be one of development, production, test/m);
    expect(problems.join('\n')).to.match(/^MONGODB_URI must start with mongodb:\/\//m);
    expect(problems.join('\n')).to.match(/^JWT_ALGORITHM must be one of HS256, HS384, HS512/m);
    expect(problems.join('\n')).to.match(/^BODY_LIMIT must look like/m);
  });

  it('when REGISTRY_TIME_ZONE is not an IANA time zone, then it is refused naming it; unset, the registry keeps Santiago days', () => {
    expect(() => loadConfig({ REGISTRY_TIME_ZONE: 'Chile/Nowhere' })).to.throw(ConfigError, 'REGISTRY_TIME_ZONE must be an IANA time zone');
    expect(() => loadConfig({ REGISTRY_TIME_ZONE: '-03:00' })).to.throw(ConfigError, 'REGISTRY_TIME_ZONE');
    expect(loadConfig({}).timeZone).to.equal('America/Santiago');
    expect(loadConfig({ REGISTRY_TIME_ZONE: 'Europe/Madrid' }).timeZone).to.equal('Europe/Madrid');
  });

  it('when NODE_ENV is production without JWT_SECRET, then the start is refused naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, 'JWT_SECRET is required when NODE_ENV=production');
  });

  it('when JWT_SECRET is shorter than 32 characters, then it is refused', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).to.throw(ConfigError, 'at least 32 characters');
  });

  it('when no secret is configured in development, then one is generated once and reused from the data directory', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'registry-config-'));
    try {
      const first = ensureJwtSecret(loadConfig({ DATA_DIR: dataDir }));
      const second = ensureJwtSecret(loadConfig({ DATA_DIR: dataDir }));
      expect(first.jwt.secret).to.have.length.greaterThan(40);
      expect(second.jwt.secret).to.equal(first.jwt.secret);
      expect(readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim()).to.equal(first.jwt.secret);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
