/**
 * Two jest projects: `unit` (constructs and rules through the package entry: fast, no child
 * processes, no files outside a temp dir) and `integration` (npm pack, jsii, the CLI, real TLS
 * tools, dist/ freshness). `npm test` runs both; `npm run test:unit` the fast one.
 *
 * The unit project's setup files make both rules hold: child_process and writes outside
 * os.tmpdir() throw (__tests__/helpers/unit-*.ts).
 * Timeouts are set per project by a setup file (10 s unit, 120 s integration): jest 30 reads
 * `testTimeout` from the global config only, a project's own `testTimeout` is ignored.
 * @type {import('jest').Config}
 */
// swc's `lazy` CommonJS imports: a module a test file imports is evaluated when the file first
// uses one of its bindings, not when the file starts. The package entry re-exports every
// construct, and jest evaluates the module graph afresh for every test file: a unit file that uses
// three constructs no longer evaluates the other ~140 modules (the unit project: ~20% less CPU).
// Nothing in constructs/ depends on an import's side effects (issue 19 removed those).
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs', lazy: true } }],
};
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'], testMatch: ['**/*.test.ts'] };

module.exports = {
  // jest's default is one worker less than the cores: on a 2-core machine one worker. The integration
  // tests mostly wait for child processes, so one worker per core keeps both busy.
  maxWorkers: '100%',
  // a temporary directory per run (TMPDIR for the workers and the processes they start), removed at
  // its end: cdk8s's Testing.app() leaves a directory per call (__tests__/helpers/run-tmpdir.js)
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/__tests__/unit'],
      setupFiles: ['<rootDir>/__tests__/helpers/unit-no-child-processes.ts', '<rootDir>/__tests__/helpers/unit-temp-writes-only.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/unit-timeout.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/__tests__/integration'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/integration-timeout.ts'],
    },
  ],
};
