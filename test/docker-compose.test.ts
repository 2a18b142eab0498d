import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { allSearchAttributeKeys } from '../workflows/search-attributes';

// No Docker engine runs here: this checks what can be checked without one, that the production
// topology the README describes is the one the file declares.
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(resolve(__dirname, '../docker-compose.yml'), 'utf8')) as {
    services: Record<
      string,
      { image?: string; build?: unknown; command?: unknown; environment?: Record<string, string> }
    >;
  };
  const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');

  it('declares every service the README describes', () => {
    const described = ['postgres', 'temporal', 'temporal-setup', 'temporal-ui', 'db-seed', 'worker', 'api'];
    expect(Object.keys(compose.services).sort()).toEqual([...described].sort());
    for (const service of described) expect(readme).toContain(`\`${service}\``);
  });

  it('uses official Temporal images and builds the API and worker from this repository', () => {
    expect(compose.services.temporal?.image).toMatch(/^temporalio\/auto-setup:/);
    expect(compose.services['temporal-ui']?.image).toMatch(/^temporalio\/ui:/);
    expect(compose.services.api?.build).toBe('.');
    expect(compose.services.worker?.build).toBe('.');
    expect(compose.services.worker?.command).toEqual(['node', 'dist/workers/main.js']);
  });

  it('points the API and worker at the compose PostgreSQL and Temporal', () => {
    for (const name of ['api', 'worker']) {
      expect(compose.services[name]?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(compose.services[name]?.environment?.DATABASE_URL).toMatch(/@postgres:5432\/journey$/);
    }
  });

  it('registers every search attribute the workflow uses', () => {
    const setup = JSON.stringify(compose.services['temporal-setup']?.command);
    for (const key of allSearchAttributeKeys) expect(setup).toContain(key.name);
  });
});
