import { describe, expect, it } from 'vitest';
import { unavailableReason } from '../helpers/database';

// An unreachable database must say how to start it: under CI=true that message fails the run.
describe('database availability', () => {
  it('names the command that starts an unreachable PostgreSQL', async () => {
    expect(await unavailableReason('postgres', 1)).toMatch(
      /PostgreSQL is not reachable .* Start it with: pg_ctlcluster/,
    );
  });

  it('names the command that starts an unreachable MariaDB', async () => {
    expect(await unavailableReason('mysql', 1)).toMatch(
      /MariaDB\/MySQL is not reachable .* Start it with: start-stop-daemon .*mariadbd/,
    );
  });

  it('finds the databases the suite runs on', async () => {
    expect(await unavailableReason('sqlite')).toBeNull();
    if (process.env.CI) {
      expect(await unavailableReason('postgres')).toBeNull();
      expect(await unavailableReason('mysql')).toBeNull();
    }
  });
});
