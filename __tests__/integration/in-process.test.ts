/**
 * The integration specs whose subject runs in the jest process (validators and CEL, the lab
 * synthesised in process, dist/ and its Flux layout, the Helm values script, and the lab's
 * certificates and synthesised nginx configuration against real openssl, curl and nginx, and the
 * schema corpus compiled into an empty validator cache) in one jest file: each jest file evaluates
 * its module graph afresh (schema-validator, ajv and the cached validators, the CEL engine, the
 * constructs and their generated Kubernetes imports, the lab, cdk8s, yaml, the PKI), so these specs
 * load it once instead of once each, and pay jest's per-file setup once. Each spec keeps its own
 * tests and hooks inside its describe. (schema-corpus compiles into a cache directory of its own,
 * empty when it starts, whatever ran before it.)
 *
 * One spec: npx jest __tests__/integration/in-process.test.ts -t '<spec>' (e.g. -t 'cel-crd-rules').
 */
/* eslint-disable @typescript-eslint/no-require-imports */
describe('cel-crd-rules (cel-crd-rules.spec.ts)', () => { require('./cel-crd-rules.spec'); });
describe('cel-mirrors (cel-mirrors.spec.ts)', () => { require('./cel-mirrors.spec'); });
describe('cel-user-crd (cel-user-crd.spec.ts)', () => { require('./cel-user-crd.spec'); });
describe('crd-releases-warnings (crd-releases-warnings.spec.ts)', () => { require('./crd-releases-warnings.spec'); });
describe('schema-validation (schema-validation.spec.ts)', () => { require('./schema-validation.spec'); });
describe('helm-promotion (helm-promotion.spec.ts)', () => { require('./helm-promotion.spec'); });
describe('atomic-file (atomic-file.spec.ts)', () => { require('./atomic-file.spec'); });
describe('in-process-synth (in-process-synth.spec.ts)', () => { require('./in-process-synth.spec'); });
describe('gitops (gitops.spec.ts)', () => { require('./gitops.spec'); });
describe('no-hash-names (no-hash-names.spec.ts)', () => { require('./no-hash-names.spec'); });
describe('helm-values-script (helm-values-script.spec.ts)', () => { require('./helm-values-script.spec'); });
describe('real-tls (real-tls.spec.ts)', () => { require('./real-tls.spec'); });
describe('schema-corpus (schema-corpus.spec.ts)', () => { require('./schema-corpus.spec'); });
