/**
 * Two jest projects: `unit` (constructs and rules through the package entry: fast, no child
 * processes, no files outside a temp dir) and `integration` (npm pack, jsii, the CLI, real TLS
 * tools, dist/ freshness). `npm test` runs both; `npm run test:unit` the fast one.
 * @type {import('jest').Config}
 */
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/__tests__/unit'], testMatch: ['**/*.test.ts'] },
    { ...common, displayName: 'integration', roots: ['<rootDir>/__tests__/integration'], testMatch: ['**/*.test.ts'] },
  ],
  testTimeout: 120000,
};
