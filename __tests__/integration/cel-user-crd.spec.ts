/**
 * CEL rules of a CRD that is not one of ours (a user's `crdFiles`): the validator and the cdk8s
 * validation plugin evaluate them, with `message`, `messageExpression`, `fieldPath`, `reason`,
 * defaults, property-name escaping and the Kubernetes CEL libraries (lists, regex, strings, sets,
 * IP/CIDR/URL, quantity, semver, format) as the API server has them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SchemaValidation } from '../../validation-plugin/src';
import { celLines, changed } from '../helpers/cel';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.test
spec:
  group: example.test
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            x-kubernetes-validations:
            - rule: self.replicas <= self.maxReplicas
              messageExpression: "'replicas (' + string(self.replicas) + ') must not exceed maxReplicas (' + string(self.maxReplicas) + ')'"
            - rule: "!has(self.mode) || self.mode != 'Off' || self.replicas == 0"
              message: mode Off needs 0 replicas
              fieldPath: .replicas
              reason: FieldValueForbidden
            - rule: self.replicas >= 0
            - rule: "!has(self.__namespace__) || self.__namespace__ != 'kube-system'"
              message: not in kube-system
            - rule: "!has(self.owner__dash__ref) || self.owner__dash__ref.startsWith('team-')"
              message: owner-ref names a team
            properties:
              replicas: { type: integer }
              maxReplicas: { type: integer, default: 10 }
              mode: { type: string }
              namespace: { type: string }
              owner-ref: { type: string }
              endpoints:
                type: array
                items:
                  type: string
                  x-kubernetes-validations:
                  - rule: (isIP(self) && ip(self).family() == 4) || (isCIDR(self) && cidr(self).prefixLength() >= 8 && cidr(self).containsIP('10.1.2.3'))
                    message: must be an IPv4 address or a CIDR of at least /8 holding 10.1.2.3
              url:
                type: string
                x-kubernetes-validations:
                - rule: isURL(self) && url(self).getScheme() == 'https' && url(self).getHostname() == 'example.com'
                  message: must be an https URL on example.com
              tags:
                type: object
                additionalProperties:
                  type: string
                  x-kubernetes-validations:
                  - rule: self.matches('^[a-z]+$') && self.find('[a-z]') == self.substring(0, 1)
                    message: lower-case letters only
              ports:
                type: array
                items: { type: integer }
                x-kubernetes-validations:
                - rule: self.isSorted() && self.sum() < 100000 && self.max() < 65536 && self.indexOf(self.min()) == 0
                  message: ports must be sorted, each below 65536
              names:
                type: array
                items: { type: string }
                x-kubernetes-validations:
                - rule: sets.contains(self, ['main']) && self.join(',').lowerAscii().split(',').size() == self.size()
                  message: names must include main
              memory:
                type: string
                x-kubernetes-validations:
                - rule: isQuantity(self) && quantity(self).isGreaterThan(quantity('0')) && quantity(self).compareTo(quantity('2Gi')) <= 0
                  message: memory must be a quantity above 0 and at most 2Gi
              minVersion:
                type: string
                x-kubernetes-validations:
                - rule: isSemver(self, true) && semver(self, true).isGreaterThan(semver('1.26.99')) && semver(self, true).major() == 1
                  message: minVersion must be a Kubernetes 1.x version from 1.27
              slug:
                type: string
                x-kubernetes-validations:
                - rule: "!format.dns1123Label().validate(self).hasValue()"
                  messageExpression: "'slug: ' + format.dns1123Label().validate(self).value().join('; ')"
              broken:
                type: string
                x-kubernetes-validations:
                - rule: self ==
`;

const WIDGET = {
  apiVersion: 'example.test/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'apps' },
  spec: {
    replicas: 2, mode: 'On', namespace: 'apps', 'owner-ref': 'team-a', endpoints: ['192.0.2.1', '10.0.0.0/8'],
    url: 'https://example.com/x?a=1', tags: { tier: 'web' }, ports: [80, 443], names: ['main', 'side'],
    memory: '1536Mi', minVersion: 'v1.33', slug: 'my-widget',
  },
};

let dir: string;
let crd: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-cel-'));
  crd = path.join(dir, 'widgets.yaml');
  fs.writeFileSync(crd, CRD);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const lines = (o: unknown) => celLines(o, [crd]);

describe('CEL rules of a user\'s CRD', () => {
  test('a valid Widget passes (the default maxReplicas 10 applied first)', () => {
    expect(lines(WIDGET)).toEqual([]);
  });

  test('fails with messageExpression\'s message, the default applied', () => {
    expect(lines(changed(WIDGET, o => { o.spec.replicas = 11; })))
      .toEqual(['/spec: Invalid value: "object": replicas (11) must not exceed maxReplicas (10)']);
  });

  test('fails at the rule\'s fieldPath with its reason (Forbidden)', () => {
    expect(lines(changed(WIDGET, o => { o.spec.mode = 'Off'; }))).toEqual(['/spec/replicas: Forbidden: mode Off needs 0 replicas']);
  });

  test('fails without a message as "failed rule: <rule>"', () => {
    expect(lines(changed(WIDGET, o => { o.spec.replicas = -1; }))).toEqual(['/spec: Invalid value: "object": failed rule: self.replicas >= 0']);
  });

  test('fails through escaped property names (namespace -> __namespace__, owner-ref -> owner__dash__ref)', () => {
    expect(lines(changed(WIDGET, o => { o.spec.namespace = 'kube-system'; o.spec['owner-ref'] = 'me'; }))).toEqual([
      '/spec: Invalid value: "object": not in kube-system',
      '/spec: Invalid value: "object": owner-ref names a team',
    ]);
  });

  test('fails once per element for rules under items and additionalProperties', () => {
    expect(lines(changed(WIDGET, o => {
      o.spec.endpoints = ['192.0.2.1', '2001:db8::1', '10.0.0.0/4', '01.2.3.4'];
      o.spec.tags = { tier: 'web', Owner: 'x', env: 'PROD' };
    }))).toEqual([
      '/spec/endpoints/1: Invalid value: "string": must be an IPv4 address or a CIDR of at least /8 holding 10.1.2.3',
      '/spec/endpoints/2: Invalid value: "string": must be an IPv4 address or a CIDR of at least /8 holding 10.1.2.3',
      '/spec/endpoints/3: Invalid value: "string": must be an IPv4 address or a CIDR of at least /8 holding 10.1.2.3',
      '/spec/tags/env: Invalid value: "string": lower-case letters only',
    ]);
  });

  test('the URL, list and sets libraries', () => {
    expect(lines(changed(WIDGET, o => {
      o.spec.url = 'http://example.com';
      o.spec.ports = [443, 80];
      o.spec.names = ['side'];
    }))).toEqual([
      '/spec/names: Invalid value: "array": names must include main',
      '/spec/ports: Invalid value: "array": ports must be sorted, each below 65536',
      '/spec/url: Invalid value: "string": must be an https URL on example.com',
    ]);
    expect(lines(changed(WIDGET, o => { o.spec.url = 'not a url'; }))).toEqual(['/spec/url: Invalid value: "string": must be an https URL on example.com']);
  });

  test('the quantity, semver and format libraries (valid twins: the Widget above, 1536Mi, v1.33, my-widget)', () => {
    expect(lines(changed(WIDGET, o => { o.spec.memory = '2Gi'; o.spec.minVersion = '1.27.0'; }))).toEqual([]);
    expect(lines(changed(WIDGET, o => {
      o.spec.memory = '2.5Gi';
      o.spec.minVersion = 'v1.26';
      o.spec.slug = 'My_Widget';
    }))).toEqual([
      '/spec/memory: Invalid value: "string": memory must be a quantity above 0 and at most 2Gi',
      '/spec/minVersion: Invalid value: "string": minVersion must be a Kubernetes 1.x version from 1.27',
      '/spec/slug: Invalid value: "string": slug: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', ' +
        'and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')',
    ]);
    expect(lines(changed(WIDGET, o => { o.spec.memory = '3G'; o.spec.minVersion = 'latest'; }))).toEqual([
      '/spec/memory: Invalid value: "string": memory must be a quantity above 0 and at most 2Gi',
      '/spec/minVersion: Invalid value: "string": minVersion must be a Kubernetes 1.x version from 1.27',
    ]);
    for (const memory of ['1 Gi', '0', '-1Mi']) {
      expect(lines(changed(WIDGET, o => { o.spec.memory = memory; }))).toEqual(['/spec/memory: Invalid value: "string": memory must be a quantity above 0 and at most 2Gi']);
    }
  });

  test('a rule that does not compile is reported where it sits (the API server refuses such a CRD)', () => {
    const out = lines(changed(WIDGET, o => { o.spec.broken = 'x'; }));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\/spec\/broken: Invalid value: "string": rule compile error: /);
  });

  test('the cdk8s validation plugin reports a CEL rule of this CRD for the object, with its message', async () => {
    const manifest = path.join(dir, 'widget.k8s.yaml');
    fs.writeFileSync(manifest, `apiVersion: example.test/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: apps\nspec:\n  replicas: 12\n`);
    const violations: { ruleName: string; recommendation: string; violatingResources: { locations: string[] }[] }[] = [];
    let status = '';
    await new SchemaValidation({ kubernetesVersions: ['v1.36.0'], crdFiles: [crd] }).validate({
      manifests: [manifest],
      report: { addViolation: v => violations.push(v), submit: s => { status = s; } },
    });
    expect(status).toBe('failure');
    expect(violations).toHaveLength(1);
    expect(violations[0].ruleName).toContain('Widget apps/w');
    expect(violations[0].violatingResources[0].locations).toEqual(['/spec: Invalid value: "object": replicas (12) must not exceed maxReplicas (10)']);
  });

  test('the cdk8s validation plugin reports this CRD\'s quantity and semver rules (valid twin: the same object within bounds)', async () => {
    const write = (memory: string, minVersion: string) => {
      const manifest = path.join(dir, `widget-${memory}.k8s.yaml`);
      fs.writeFileSync(manifest, `apiVersion: example.test/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: apps\nspec:\n  replicas: 1\n  memory: ${memory}\n  minVersion: ${minVersion}\n`);
      return manifest;
    };
    const validate = async (manifest: string) => {
      const violations: { ruleName: string; violatingResources: { locations: string[] }[] }[] = [];
      let status = '';
      await new SchemaValidation({ kubernetesVersions: ['v1.36.0'], crdFiles: [crd] }).validate({
        manifests: [manifest],
        report: { addViolation: v => violations.push(v), submit: s => { status = s; } },
      });
      return { status, violations };
    };
    const bad = await validate(write('4Gi', 'v1.20'));
    expect(bad.status).toBe('failure');
    expect(bad.violations).toHaveLength(1);
    expect(bad.violations[0].ruleName).toContain('Widget apps/w');
    expect(bad.violations[0].violatingResources[0].locations).toEqual([
      '/spec/memory: Invalid value: "string": memory must be a quantity above 0 and at most 2Gi',
      '/spec/minVersion: Invalid value: "string": minVersion must be a Kubernetes 1.x version from 1.27',
    ]);
    const good = await validate(write('512Mi', 'v1.36.1'));
    expect(good.status).toBe('success');
    expect(good.violations).toEqual([]);
  });
});
