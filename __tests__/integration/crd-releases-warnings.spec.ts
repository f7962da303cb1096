/**
 * The CRD release a cluster runs (`crdReleases`, crd-releases.ts) and the warnings the API server
 * prints for objects it accepts (deprecations.ts): deprecated fields from the Kubernetes version
 * that deprecates them, deprecated CRD versions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { LabFlavour } from '../../lab/config';
import { DIST_KUBERNETES_VERSION, parseKubernetesVersion, selectReleases } from '../../lab/versions';
import { GATEWAY_KUBERNETES_VERSIONS, LAB_CRD_RELEASES } from '../../scripts/synth-gateway';
import { SchemaValidation } from '../../validation-plugin/src';
import { DEFAULT_SCHEMAS_DIR, getSchemaValidator, selectCrdFiles, warningsOf } from '../../validation-plugin/src/schema-validator';
import { testValidatorCache } from '../helpers/test-cache';

const CRDS = path.join(DEFAULT_SCHEMAS_DIR, 'crds');
const names = (files: string[]) => files.map(f => path.basename(f));

const certificate = (spec: Record<string, unknown>) => ({
  apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c', namespace: 'ns' },
  spec: { secretName: 'c-tls', dnsNames: ['a.example.com'], issuerRef: { name: 'ca', kind: 'Issuer' }, ...spec },
});

describe('crdReleases', () => {
  test('by default the newest release of each project in crds/', () => {
    expect(names(selectCrdFiles(CRDS))).toEqual(['cert-manager-v1.21.1.yaml', 'flux-kustomize-controller-v1.9.4-kustomizations.yaml',
      'gateway-api-v1.6.1-standard.yaml']);
  });

  test('picks the release asked for', () => {
    expect(names(selectCrdFiles(CRDS, { 'cert-manager': 'v1.16.5' }))).toEqual(['cert-manager-v1.16.5.yaml',
      'flux-kustomize-controller-v1.9.4-kustomizations.yaml', 'gateway-api-v1.6.1-standard.yaml']);
  });

  test('fails for a release or a project crds/ does not hold, saying what it holds', () => {
    expect(() => selectCrdFiles(CRDS, { 'cert-manager': 'v1.17.0' })).toThrow(/crdReleases\.cert-manager: "v1\.17\.0" is not in .*; allowed: v1\.16\.5, v1\.21\.1/);
    expect(() => selectCrdFiles(CRDS, { 'trust-manager': 'v0.24.0' })).toThrow(/no CRD files of "trust-manager".*projects: cert-manager, flux-kustomize-controller-kustomizations, gateway-api-standard/);
  });

  test('a field cert-manager v1.21.1 has and v1.16.5 does not is an error against the v1.16.5 CRDs only', () => {
    const obj = certificate({ signatureAlgorithm: 'SHA256WithRSA' });
    const validate = (crdReleases?: Record<string, string>) =>
      getSchemaValidator({ kubernetesVersions: ['v1.36.0'], crdReleases, cacheDir: testValidatorCache() }).validate([obj]);
    expect(validate()).toEqual([]);
    expect(validate({ 'cert-manager': 'v1.16.5' }).map(v => `${v.source} ${v.instancePath}: ${v.message}`))
      .toEqual(['crds/cert-manager-v1.16.5.yaml /spec/signatureAlgorithm: unknown field "signatureAlgorithm"']);
  });

  test('the lab validates against the cert-manager release lab:up installs on the Kubernetes version each output targets (cdk8s.yaml and the Gateway API flavour)', () => {
    const config = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk8s.yaml'), 'utf-8'));
    const certManager = (k8s: string, flavour: LabFlavour) => selectReleases(parseKubernetesVersion(k8s)!, flavour).certManager?.version;
    expect(config.validations[0].properties.crdReleases).toEqual({ 'cert-manager': certManager(DIST_KUBERNETES_VERSION, LabFlavour.INGRESS_NGINX) });
    expect(LAB_CRD_RELEASES).toEqual({ 'cert-manager': certManager(GATEWAY_KUBERNETES_VERSIONS[0], LabFlavour.GATEWAY_API) });
  });
});

describe('the API server\'s warnings', () => {
  const service = (spec: Record<string, unknown>) => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'ns' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }], ...spec },
  });
  const validator = () => getSchemaValidator({ cacheDir: testValidatorCache() });

  test('Service spec.externalIPs: a warning for Kubernetes 1.36, none for 1.27, naming the object and the field', () => {
    const w = warningsOf(validator(), [{ object: service({ externalIPs: ['192.0.2.10'] }), file: 'svc.yaml', index: 0, constructPath: 'chart/Svc' }]);
    expect(w.map(x => [x.schema, x.kind, x.namespace, x.name, x.constructPath, x.instancePath])).toEqual([['v1.36.0', 'Service', 'ns', 's', 'chart/Svc', '/spec/externalIPs']]);
    expect(w[0].message).toMatch(/^Warning: spec\.externalIPs is deprecated \(the API server warns from Kubernetes 1\.36, KEP-5707/);
    // the object is valid: warnings never make a violation
    expect(validator().validate([service({ externalIPs: ['192.0.2.10'] })])).toEqual([]);
  });

  test('valid twin: a Service without externalIPs (or with an empty list) gets none', () => {
    expect(warningsOf(validator(), [service({}), service({ externalIPs: [] })])).toEqual([]);
  });

  test('a deprecated CRD version: its deprecationWarning, else the API server\'s default words', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-deprecated-'));
    const crd = path.join(dir, 'widgets.yaml');
    const version = (name: string, extra: string) => `  - name: ${name}\n    served: true\n    storage: ${name === 'v1'}\n${extra}` +
      '    schema:\n      openAPIV3Schema:\n        type: object\n        x-kubernetes-preserve-unknown-fields: true\n';
    fs.writeFileSync(crd, 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.test\n' +
      'spec:\n  group: example.test\n  names: { kind: Widget, plural: widgets }\n  scope: Namespaced\n  versions:\n' + version('v1', '') +
      version('v1beta1', '    deprecated: true\n    deprecationWarning: example.test/v1beta1 Widget is going away; use v1\n') +
      version('v1alpha1', '    deprecated: true\n'));
    try {
      const v = getSchemaValidator({ kubernetesVersions: ['v1.36.0'], crdFiles: [crd], cacheDir: testValidatorCache() });
      const widget = (apiVersion: string) => ({ apiVersion, kind: 'Widget', metadata: { name: 'w' } });
      expect(warningsOf(v, [widget('example.test/v1'), widget('example.test/v1beta1'), widget('example.test/v1alpha1')]).map(w => `#${w.index} ${w.message}`)).toEqual([
        '#1 Warning: example.test/v1beta1 Widget is going away; use v1',
        '#2 Warning: example.test/v1alpha1 Widget is deprecated',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the plugin prints them and counts them in its report, and still succeeds', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-warn-'));
    const manifest = path.join(dir, 'svc.k8s.yaml');
    fs.writeFileSync(manifest, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n  externalIPs:\n    - 192.0.2.10\n');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      let status = '';
      let metadata: Record<string, string> = {};
      await new SchemaValidation({}).validate({
        manifests: [manifest],
        report: { addViolation: () => undefined, submit: (s, m) => { status = s; metadata = { ...m }; } },
      });
      expect(status).toBe('success');
      expect(metadata.Warnings).toBe('1');
      expect(stderr.mock.calls.map(c => String(c[0])).join('')).toContain('[v1.36.0] /spec/externalIPs: Warning: spec.externalIPs is deprecated');
    } finally {
      stderr.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
