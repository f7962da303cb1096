import { ControllerKind, IngressNginxImage, IngressNginxRelease } from '../../constructs';
import { REFERENCE_OBJECTS } from '../fixtures/ingress-nginx-v1.11.8';
import { REFERENCE_OBJECTS_V1_15_1, V1_15_1_CHANGES } from '../fixtures/ingress-nginx-v1.15.1';
import { byKey, clone, find, key } from '../helpers/ingress-nginx';
import { synth } from '../helpers/ingress-nginx';

// Upstream's bare-metal manifest at tag controller-v1.15.1, restated as fixture data (see the fixture's header).
const reference = clone(REFERENCE_OBJECTS_V1_15_1);
// the objects IngressNginxController renders differently from upstream in every release (docs/ingress-nginx-controller.md)
const CONFIG_MAP = 'ConfigMap/ingress-nginx/ingress-nginx-controller';
const NARROWED = new Set(['Role/ingress-nginx/ingress-nginx-admission', 'ClusterRole//ingress-nginx-admission', CONFIG_MAP]);

describe('IngressNginxRelease.V1_15_1 against the reference manifest (controller-v1.15.1 bare metal)', () => {
  const { objs, controller } = synth({ kind: ControllerKind.DEPLOYMENT, release: IngressNginxRelease.V1_15_1 });
  const ours = byKey(objs);

  test('renders exactly the reference\'s objects, by kind, namespace and name', () => {
    expect([...ours.keys()].sort()).toEqual(reference.map(key).sort());
  });

  test.each(reference.filter(o => !NARROWED.has(key(o))).map(o => [key(o), o] as const))('%s equals upstream\'s', (k, ref) => {
    expect(ours.get(k)).toEqual(ref);
  });

  test('the differences from v1.11.8 are there: images, no --enable-metrics=false, pod tokens, runAsGroup, version labels', () => {
    const c = find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec;
    expect(c.containers[0].image).toBe(V1_15_1_CHANGES.controllerImage);
    expect(c.containers[0].args).not.toContain('--enable-metrics=false');
    expect(c.automountServiceAccountToken).toBe(true);
    expect(c.containers[0].securityContext.runAsGroup).toBe(82);
    for (const job of ['ingress-nginx-admission-create', 'ingress-nginx-admission-patch']) {
      const spec = find(objs, 'Job', job).spec.template.spec;
      expect(spec.containers[0].image).toBe(V1_15_1_CHANGES.certgenImage);
      expect(spec.containers[0].securityContext.runAsGroup).toBe(65532);
      expect(spec.automountServiceAccountToken).toBe(true);
    }
    expect(new Set(objs.map(o => o.metadata.labels?.['app.kubernetes.io/version']).filter(Boolean))).toEqual(new Set(['1.15.1']));
    expect(controller.release).toBe(IngressNginxRelease.V1_15_1);
  });

  test('controller ConfigMap: upstream has no data; ours states snippets off and strict path types on (v1.15.1\'s defaults)', () => {
    expect(reference.find(o => key(o) === CONFIG_MAP)!.data).toBeNull();
    expect(ours.get(CONFIG_MAP)!.data).toEqual({ 'allow-snippet-annotations': 'false', 'strict-validate-path-type': 'true' });
  });

  test('the Helm values name chart 4.15.1', () => {
    expect(controller.toHelmValuesYaml()).toMatch(/^# Helm values for chart ingress-nginx 4\.15\.1 \(controller v1\.15\.1\)/);
    expect(controller.toHelmValuesYaml()).toContain('--version 4.15.1');
  });
});

describe('IngressNginxRelease', () => {
  test('the default is v1.11.8, rendered as before', () => {
    const { objs, controller } = synth({ kind: ControllerKind.DEPLOYMENT });
    expect(controller.release).toBe(IngressNginxRelease.V1_11_8);
    expect(find(objs, 'Deployment', 'ingress-nginx-controller')).toEqual(REFERENCE_OBJECTS.find(o => key(o) === 'Deployment/ingress-nginx/ingress-nginx-controller'));
  });

  test('Kubernetes windows from upstream\'s support tables: v1.11.8 1.26-1.30, v1.15.1 1.31-1.35', () => {
    expect(IngressNginxRelease.all().map(r => [r.version, r.minKubernetesMinor, r.maxKubernetesMinor]))
      .toEqual([['1.11.8', 26, 30], ['1.15.1', 31, 35]]);
    expect(IngressNginxRelease.V1_11_8.supportsKubernetes(27)).toBe(true);
    expect(IngressNginxRelease.V1_11_8.supportsKubernetes(31)).toBe(false);
    expect(IngressNginxRelease.V1_15_1.supportsKubernetes(35)).toBe(true);
    expect(IngressNginxRelease.V1_15_1.supportsKubernetes(36)).toBe(false);
  });

  test('an explicit image wins over the release\'s', () => {
    const image = IngressNginxImage.CONTROLLER_V1_15_1.withRegistry('mirror.example.com').withoutDigest();
    const { objs } = synth({ release: IngressNginxRelease.V1_15_1, controllerImage: image });
    expect(find(objs, 'Deployment', 'ingress-nginx-controller').spec.template.spec.containers[0].image)
      .toBe('mirror.example.com/ingress-nginx/controller:v1.15.1');
  });
});
