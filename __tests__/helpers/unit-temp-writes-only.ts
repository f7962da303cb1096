/**
 * Unit project setup (jest `setupFiles`): a unit test writes files only under os.tmpdir() (and
 * into the tests' validator cache, helpers/test-cache.ts).
 * The common ways to create, change or remove a file through `fs` throw for any other path.
 * Like the child_process block, the mock is per test file; jest's own snapshot writes do not
 * go through it.
 */
import type * as fsModule from 'fs';
import * as os from 'os';
import * as path from 'path';
import { testValidatorCache } from './test-cache';

/** os.tmpdir() and the tests' validator cache (test-cache.ts), as given and resolved. */
const TEMP_ROOTS = (() => {
  const actual = jest.requireActual<typeof fsModule>('fs');
  const roots = [path.resolve(os.tmpdir()), path.resolve(testValidatorCache())];
  return [...new Set(roots.flatMap(root => [root, actual.existsSync(root) ? actual.realpathSync(root) : root]))];
})();

/** (name, indexes of the path arguments) of the fs functions that write. */
const WRITERS: Array<[string, number[]]> = [
  ['writeFileSync', [0]], ['appendFileSync', [0]], ['mkdirSync', [0]], ['mkdtempSync', [0]],
  ['copyFileSync', [1]], ['cpSync', [1]], ['renameSync', [0, 1]], ['symlinkSync', [1]], ['linkSync', [1]],
  ['rmSync', [0]], ['rmdirSync', [0]], ['unlinkSync', [0]], ['chmodSync', [0]], ['createWriteStream', [0]],
  ['writeFile', [0]], ['appendFile', [0]], ['mkdir', [0]], ['mkdtemp', [0]], ['copyFile', [1]], ['cp', [1]],
  ['rename', [0, 1]], ['symlink', [1]], ['rm', [0]], ['rmdir', [0]], ['unlink', [0]], ['chmod', [0]],
];

function insideTemp(p: unknown): boolean {
  if (typeof p === 'number') return true; // a file descriptor: its open() was checked
  const resolved = path.resolve(String(p instanceof URL ? p.pathname : p));
  return TEMP_ROOTS.some(root => resolved === root || resolved.startsWith(root + path.sep));
}

function guard<T extends object>(actual: T, module: string): T {
  const guarded: Record<string, unknown> = { ...(actual as Record<string, unknown>) };
  for (const [name, indexes] of WRITERS) {
    const original = (actual as Record<string, unknown>)[name];
    if (typeof original !== 'function') continue;
    guarded[name] = function (this: unknown, ...args: unknown[]) {
      for (const i of indexes) {
        if (!insideTemp(args[i])) {
          const error = new Error(`${module}.${name}(${JSON.stringify(String(args[i]))}) called from a unit test: unit tests ` +
            `write only under os.tmpdir() (${TEMP_ROOTS[0]}); move the test to __tests__/integration`);
          if (module === 'fs.promises') return Promise.reject(error);
          throw error;
        }
      }
      return original.apply(this, args);
    };
  }
  return guarded as T;
}

function guardedFs(): typeof fsModule {
  const actual = jest.requireActual<typeof fsModule>('fs');
  return { ...guard(actual, 'fs'), promises: guard(actual.promises, 'fs.promises') } as typeof fsModule;
}

jest.mock('fs', guardedFs);
jest.mock('node:fs', guardedFs);
jest.mock('fs/promises', () => guard(jest.requireActual('fs/promises'), 'fs.promises'));
jest.mock('node:fs/promises', () => guard(jest.requireActual('fs/promises'), 'fs.promises'));
