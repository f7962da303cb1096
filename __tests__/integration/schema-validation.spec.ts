/**
 * Strict schema validation (validation-plugin/src/schema-validator.ts): known-bad objects are
 * reported against Kubernetes v1.27.0 and v1.36.0 and custom resources against their CRDs;
 * valid output of the library and of the whole lab has no violation.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import {
  SchemaViolation, SchemaValidator, formatViolations, getSchemaValidator, readManifests, strictify, validateManifests,
} from '../../validation-plugin/src/schema-validator';
import { AppDeployment, ClusterIpService, HostNetworkPod, HostPortPod, NodePortService } from '../../constructs';
import { buildLab, LAB_CONFIG } from '../../lab';

const VERSIONS = ['v1.27.0', 'v1.36.0'];

function service(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata, spec };
}

function pod(container: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container] } };
}

function certificate(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'c' }): Record<string, unknown> {
  return { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata, spec: { secretName: 's', issuerRef: { name: 'ca' }, ...spec } };
}

/** Violations of one object, as `schema path: message` strings. */
function check(obj: unknown): string[] {
  return validateManifests([obj]).map(v => `${v.schema} ${v.instancePath}: ${v.message}`);
}

/** Asserts that `obj` is reported at `instancePath` by every Kubernetes version, with a message matching `re`. */
function expectReported(obj: unknown, instancePath: string, re: RegExp): SchemaViolation[] {
  const violations = validateManifests([obj]);
  for (const version of VERSIONS) {
    const hits = violations.filter(v => v.schema === version && v.instancePath === instancePath && re.test(v.message));
    if (hits.length === 0) throw new Error(`expected ${version} ${instancePath} ~ ${re}, got:\n${formatViolations(violations)}`);
  }
  return violations;
}

describe('schema validator', () => {
  let compileAndFirstUse = 0;
  beforeAll(() => {
    const t0 = performance.now();
    getSchemaValidator().validate([service({ ports: [{ port: 80 }] })]);
    compileAndFirstUse = performance.now() - t0;
  });

  test('getSchemaValidator keeps no CRDs (`crdFiles: []`) apart from every CRD (no `crdFiles`)', () => {
    const certificate = {
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'default' },
      spec: { secretName: 'web-tls', dnsNames: ['web.example.com'], issuerRef: { name: 'ca' } },
    };
    const none = getSchemaValidator({ crdFiles: [] });
    const every = getSchemaValidator();
    expect(none).not.toBe(every);
    expect(getSchemaValidator({ crdFiles: [] })).toBe(none);
    expect(none.validate([certificate]).map(v => v.message)).toEqual(['v1.27.0', 'v1.36.0'].map(version =>
      `unknown kind: no schema for cert-manager.io/v1 Certificate in Kubernetes ${version} nor in the CRDs (none)`));
    expect(every.validate([certificate])).toEqual([]);
  });

  test('schemas load and compile in reasonable time', () => {
    process.stderr.write(`schema validator: load + compile for a Service: ${Math.round(compileAndFirstUse)} ms\n`);
    expect(compileAndFirstUse).toBeLessThan(10000);
  });

  describe('known-bad native objects are reported against v1.27.0 and v1.36.0', () => {
    test('unknown field (strict: additionalProperties false)', () => {
      const v = expectReported(service({ ports: [{ port: 80 }], bogusField: true }), '/spec/bogusField', /unknown field "bogusField"/);
      expect(v.every(x => x.kind === 'Service' && x.name === 'web')).toBe(true);
      expect(v.map(x => x.source).sort()).toEqual(['kubernetes-v1.27.0.json', 'kubernetes-v1.36.0.json']);
    });

    test('unknown field deep inside (container) and in metadata', () => {
      expectReported(pod({ name: 'c', image: 'nginx', imagePullpolicy: 'Always' }), '/spec/containers/0/imagePullpolicy', /unknown field/);
      expectReported(service({ ports: [{ port: 80 }] }, { name: 'web', label: { a: 'b' } }), '/metadata/label', /unknown field "label"/);
    });

    test('unknown top-level field', () => {
      expectReported({ ...service({ ports: [{ port: 80 }] }), specs: {} }, '/specs', /unknown field "specs"/);
    });

    test('wrong type', () => {
      expectReported(service({ ports: [{ port: '80' }] }), '/spec/ports/0/port', /must be integer, got string "80"/);
      expectReported(service({ ports: [{ port: 80 }], selector: { app: 1 } }), '/spec/selector/app', /must be string, got integer 1/);
      expectReported(service({ ports: { port: 80 } }), '/spec/ports', /must be array/);
    });

    test('int32 range and int-or-string', () => {
      expectReported(service({ ports: [{ port: 4294967296 }] }), '/spec/ports/0/port', /format "int32"/);
      expectReported(service({ ports: [{ port: 80, targetPort: 8.5 }] }), '/spec/ports/0/targetPort', /must be string or integer/);
      expect(check(service({ ports: [{ port: 80, targetPort: 'http' }, { port: 81, targetPort: 8081, name: 'b' }] }))).toEqual([]);
    });

    test('missing required field', () => {
      expectReported(pod({ image: 'nginx' }), '/spec/containers/0/name', /missing required field "name"/);
      expectReported({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, '/metadata/name', /missing required field "metadata.name"/);
    });

    test('a kind unknown to every schema is an error, not skipped', () => {
      expectReported({ apiVersion: 'example.test/v1', kind: 'Mystery', metadata: { name: 'm' } }, '/apiVersion', /unknown kind/);
      expectReported({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'i' } }, '/apiVersion', /unknown kind/);
    });

    test('an API removed after 1.27 is reported against v1.36.0 only', () => {
      const v = validateManifests([{
        apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'PriorityLevelConfiguration', metadata: { name: 'x' },
        spec: { type: 'Exempt' },
      }]);
      expect(v.map(x => x.schema)).toEqual(['v1.36.0']);
      expect(v[0].message).toMatch(/not served by Kubernetes v1.36.0 \(only by v1.27.0\)/);
    });

    test('Secret data must be base64 (format byte)', () => {
      expectReported({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'not base64!' } }, '/data/k', /format "byte"/);
      expect(check({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'aGVsbG8=' } })).toEqual([]);
    });

    test('null is not a value (kubectl would drop it silently)', () => {
      expectReported(service({ ports: [{ port: 80 }], clusterIP: null }), '/spec/clusterIP', /must be string, got null/);
    });

    test('non-objects and objects without apiVersion/kind', () => {
      expect(check('hello')).toEqual([
        'v1.27.0 : is not a Kubernetes object (got string "hello")',
        'v1.36.0 : is not a Kubernetes object (got string "hello")',
      ]);
      expect(check({ metadata: { name: 'x' } })).toEqual([
        'v1.27.0 /apiVersion: missing required field "apiVersion"',
        'v1.27.0 /kind: missing required field "kind"',
        'v1.36.0 /apiVersion: missing required field "apiVersion"',
        'v1.36.0 /kind: missing required field "kind"',
      ]);
    });
  });

  describe('custom resources against their CRDs', () => {
    test('valid Certificate', () => {
      expect(check(certificate({ dnsNames: ['a.example.test'], privateKey: { algorithm: 'ECDSA', size: 256 } }))).toEqual([]);
    });

    test('invalid enum', () => {
      const v = expectReported(certificate({ privateKey: { algorithm: 'DSA' } }), '/spec/privateKey/algorithm', /must be one of "RSA", "ECDSA", "Ed25519"; got string "DSA"/);
      expect(v[0].source).toBe('crds/cert-manager-v1.21.1.yaml');
    });

    test('unknown field, wrong type, missing required field', () => {
      expectReported(certificate({ dnsName: ['a'] }), '/spec/dnsName', /unknown field/);
      expectReported(certificate({ dnsNames: 'a.example.test' }), '/spec/dnsNames', /must be array/);
      expectReported({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' }, spec: { secretName: 's' } }, '/spec/issuerRef', /missing required field "issuerRef"/);
      expectReported({ ...certificate({}), extra: 1 }, '/extra', /unknown field/);
    });

    test('metadata of a custom resource is checked as ObjectMeta, strictly', () => {
      expectReported(certificate({}, { name: 'c', labels: { a: 1 } }), '/metadata/labels/a', /must be string/);
      expectReported(certificate({}, { name: 'c', annotation: {} }), '/metadata/annotation', /unknown field/);
    });

    test('x-kubernetes-preserve-unknown-fields keeps free-form fields free', () => {
      const issuer = (webhook: Record<string, unknown>) => ({
        apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'i' },
        spec: { acme: { server: 'https://acme.example.test', privateKeySecretRef: { name: 'k' }, solvers: [{ dns01: { webhook } }] } },
      });
      expect(check(issuer({ groupName: 'g', solverName: 's', config: { anything: { goes: [1, 'x'] } } }))).toEqual([]);
      expectReported(issuer({ groupName: 'g', solverName: 's', config: {}, confg: {} }), '/spec/acme/solvers/0/dns01/webhook/confg', /unknown field/);
    });

    test('Gateway API: enum and pattern of an HTTPRoute', () => {
      const route = (rules: unknown[]) => ({
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' },
        spec: { parentRefs: [{ name: 'gw' }], hostnames: ['web.example.test'], rules },
      });
      expect(check(route([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }]))).toEqual([]);
      expectReported(route([{ matches: [{ path: { type: 'Prefix', value: '/' } }] }]), '/spec/rules/0/matches/0/path/type', /must be one of/);
      expectReported({ ...route([]), spec: { hostnames: ['Not_A_Host'] } }, '/spec/hostnames/0', /must match pattern/);
    });

    test('a version the CRD defines but does not serve is an error', () => {
      // schemas/crds keeps only served versions, so the CRD here is a trimmed-down one with a version that is not
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-crd-'));
      const crd = path.join(dir, 'widgets.yaml');
      const version = (name: string, served: boolean) =>
        `  - name: ${name}\n    served: ${served}\n    storage: ${served}\n    schema:\n      openAPIV3Schema:\n        type: object\n`;
      fs.writeFileSync(crd, 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.test\n' +
        'spec:\n  group: example.test\n  names:\n    kind: Widget\n    plural: widgets\n  scope: Namespaced\n  versions:\n' +
        version('v1', true) + version('v1alpha2', false));
      try {
        const v = validateManifests([{ apiVersion: 'example.test/v1alpha2', kind: 'Widget', metadata: { name: 't' }, spec: {} }], { crdFiles: [crd] });
        expect(v.length).toBe(2);
        expect(v[0].message).toMatch(/not served/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('strictify', () => {
    test('adds additionalProperties:false to object schemas with properties, not inside anyOf/oneOf or preserve-unknown-fields', () => {
      const s = strictify({
        type: 'object',
        description: 'dropped',
        properties: {
          a: { type: 'object', properties: { b: { type: 'string' } } },
          free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { c: { type: 'string' } } },
          map: { type: 'object', additionalProperties: { type: 'string' } },
          n: { type: 'string', nullable: true },
        },
        oneOf: [{ properties: { a: {} }, required: ['a'] }],
      }, true) as Record<string, any>;
      expect(s.additionalProperties).toBe(false);
      expect(s.description).toBeUndefined();
      expect(s.properties.a.additionalProperties).toBe(false);
      expect(s.properties.free.additionalProperties).toBeUndefined();
      expect(s.properties.map.additionalProperties).toEqual({ type: 'string' });
      expect(s.properties.n.type).toEqual(['string', 'null']);
      expect(s.oneOf[0].additionalProperties).toBeUndefined();
    });
  });

  describe('manifest files', () => {
    let dir: string;
    beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-validation-')); });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('YAML errors (duplicate keys, as kubeconform -strict) are reported; construct paths are attached', () => {
      const file = path.join(dir, 'x.k8s.yaml');
      fs.writeFileSync(file, [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      bogus: 1\n',
        '',
      ].join('---\n'));
      const { objects, violations } = readManifests([file], { web: 'chart/Web/Resource' });
      expect(violations).toHaveLength(1);
      expect(violations[0]).toMatchObject({ file, index: 0, schema: 'yaml' });
      expect(objects).toHaveLength(1);
      const v = validateManifests(objects);
      expect(v.map(x => [x.constructPath, x.index, x.instancePath])).toEqual([
        ['chart/Web/Resource', 1, '/spec/ports/0/bogus'],
        ['chart/Web/Resource', 1, '/spec/ports/0/bogus'],
      ]);
      expect(formatViolations(v, dir)).toBe('x.k8s.yaml #1: Service web (construct chart/Web/Resource)\n  [v1.27.0, v1.36.0] /spec/ports/0/bogus: unknown field "bogus"');
    });

    test('YAML 1.1 like kubectl: an unquoted `on` is a boolean', () => {
      const file = path.join(dir, 'y.k8s.yaml');
      fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  flag: on\n');
      const { objects } = readManifests([file]);
      expectReported(objects[0].object, '/data/flag', /must be string, got boolean/);
    });
  });

  test('objects of the library constructs have no violation', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'lib');
    const dep = new AppDeployment(chart, 'Web', { name: 'web', labels: { app: 'web' }, replicas: 2, containerName: 'nginx', image: 'nginx:1.27', containerPort: 80 });
    new ClusterIpService(chart, 'Svc', { name: 'web', selector: dep.labels, port: 8080, targetPort: 80 });
    new NodePortService(chart, 'Np', { name: 'web-np', selector: dep.labels, port: 8081, targetPort: 80, nodePort: 30001 });
    new HostPortPod(chart, 'Hp', { image: 'nginx:1.27', containerPort: 80, hostPort: 8080 });
    new HostNetworkPod(chart, 'Hn', { image: 'nginx:1.27', containerPort: 81 });
    const objects = Testing.synth(chart);
    expect(objects.length).toBeGreaterThanOrEqual(5);
    expect(formatViolations(validateManifests(objects))).toBe('');
  });

  test('the whole lab validates against v1.27.0 and v1.36.0 with zero violations', () => {
    const app = Testing.app();
    buildLab(app, LAB_CONFIG);
    const objects = app.charts.flatMap(c => c.toJson());
    expect(objects.length).toBeGreaterThan(10);
    const fresh = new SchemaValidator();
    const t0 = performance.now();
    const violations = fresh.validate(objects);
    const ms = performance.now() - t0;
    process.stderr.write(`lab: ${objects.length} objects validated against ${VERSIONS.join(', ')} in ${Math.round(ms)} ms (schema load+compile ${Math.round(fresh.compileMs)} ms)\n`);
    expect(formatViolations(violations)).toBe('');
  });
});
