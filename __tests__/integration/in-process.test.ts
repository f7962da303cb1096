/**
 * The integration specs whose subject runs in the jest process, in one jest file: validators and CEL,
 * the lab synthesised in process, dist/ and its Flux layout, the Helm values script, and the lab's
 * certificates and synthesised nginx configuration against real openssl, curl and nginx, the schema
 * corpus compiled into an empty validator cache; the lab's specs (the lab synthesised and checked, its
 * certificates, the lab:up/down/verify scripts with the stand-in tools, the clusters of 2026, the
 * mirrors); the packaging specs (the tarball's contents, the pack-manifest script, the API docs and
 * jsii-pacmak from the shipped assembly). Each jest file evaluates its module graph afresh (the
 * schema validator, ajv and the cached validators, the CEL engine, the constructs and their generated
 * Kubernetes imports, the lab, the scripts, cdk8s, yaml, the PKI; build-once.ts hashes every source
 * file of the repository once per module graph, the key of the built package), so these specs load
 * it once instead of once each, and pay jest's per-file setup once (three files, in-process,
 * lab-in-process and packaging, became this one: --runInBand, 8 alternating A/B pairs, median
 * ~2 CPU-s less). Each spec keeps its own tests and hooks inside its describe. (schema-corpus
 * compiles into a cache directory of its own, empty when it starts, whatever ran before it.)
 *
 * The lab's synth is remembered per configuration (helpers/lab-synth-memo.ts: the lab scripts run
 * lab:up/down dozens of times with the same configurations; lab-scripts.spec.ts checks that a
 * remembered synth equals a fresh one). The mock is registered here, before any spec loads
 * lab/stages. It replaces `synthLabCharts` only, and only the lab scripts call it
 * (scripts/lab/common.ts, run by the lab specs): every other spec here that uses lab/stages
 * (gitops.spec.ts: readManifest, upStages) gets the actual functions, and no spec outside the lab's
 * synthesises the lab through it (in-process-synth and schema-validation call buildLab, no-hash-names
 * reads dist/, crd-releases-warnings the lab's versions), so what they check (the lab's warnings
 * among it) is what they checked in a file without the mock.
 *
 * One spec: npx jest __tests__/integration/in-process.test.ts -t '<spec>' (e.g. -t 'cel-crd-rules').
 */
/* eslint-disable @typescript-eslint/no-require-imports */
jest.mock('../../lab/stages', () => jest.requireActual('../helpers/lab-synth-memo').withRememberedSynth(jest.requireActual('../../lab/stages')));

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

describe('lab (lab.spec.ts)', () => { require('./lab.spec'); });
describe('lab-gateway (lab-gateway.spec.ts)', () => { require('./lab-gateway.spec'); });
describe('lab-certs (lab-certs.spec.ts)', () => { require('./lab-certs.spec'); });
describe('lab-scripts (lab-scripts.spec.ts)', () => { require('./lab-scripts.spec'); });
describe('lab-clusters (lab-clusters.spec.ts)', () => { require('./lab-clusters.spec'); });
describe('lab-verify (lab-verify.spec.ts)', () => { require('./lab-verify.spec'); });
describe('lab-mirror-releases (lab-mirror-releases.spec.ts)', () => { require('./lab-mirror-releases.spec'); });

describe('pack-contents (pack-contents.spec.ts)', () => { require('./pack-contents.spec'); });
describe('pack-manifest (pack-manifest.spec.ts)', () => { require('./pack-manifest.spec'); });
describe('api-docs (api-docs.spec.ts)', () => { require('./api-docs.spec'); });
describe('jsii-compat (jsii-compat.spec.ts)', () => { require('./jsii-compat.spec'); });
