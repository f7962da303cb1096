/**
 * Packaging specs (the tarball's contents, the pack-manifest script, the API docs and jsii-pacmak
 * from the shipped assembly) in one jest file: each jest file evaluates its module graph afresh,
 * and build-once.ts hashes every source file of the repository once per module graph (the key of
 * the built package), so these specs hash once instead of once each, and pay jest's per-file setup
 * once. Each spec keeps its own tests and hooks inside its describe.
 *
 * One spec: npx jest __tests__/integration/packaging.test.ts -t '<spec>' (e.g. -t 'pack-contents').
 */
/* eslint-disable @typescript-eslint/no-require-imports */
describe('pack-contents (pack-contents.spec.ts)', () => { require('./pack-contents.spec'); });
describe('pack-manifest (pack-manifest.spec.ts)', () => { require('./pack-manifest.spec'); });
describe('api-docs (api-docs.spec.ts)', () => { require('./api-docs.spec'); });
describe('jsii-compat (jsii-compat.spec.ts)', () => { require('./jsii-compat.spec'); });
