/**
 * Unit project setup (jest `setupFiles`): a unit test cannot start a process. Every way to spawn
 * one from `child_process` throws; tests that need the CLI, npm, openssl or nginx belong in
 * __tests__/integration. The mock is per test file (jest's module registry), so integration
 * tests running in the same worker keep the real module.
 */
import type * as childProcess from 'child_process';

const BLOCKED = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

function blocked(name: string): () => never {
  return () => {
    throw new Error(`child_process.${name}() called from a unit test: unit tests start no processes; ` +
      'move the test to __tests__/integration (jest --selectProjects integration)');
  };
}

function noChildProcesses(): typeof childProcess {
  const actual = jest.requireActual<typeof childProcess>('child_process');
  const mocked: Record<string, unknown> = { ...actual };
  for (const name of BLOCKED) mocked[name] = blocked(name);
  return mocked as unknown as typeof childProcess;
}

jest.mock('child_process', noChildProcesses);
jest.mock('node:child_process', noChildProcesses);
