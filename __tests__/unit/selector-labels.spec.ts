/**
 * Selector labels apart from pod labels (issue 23): AppDeployment and DemoBackend write a
 * Deployment selector, which Kubernetes never lets change; `selectorLabels` fixes it and
 * `podLabels` adds labels that may change. Without them the output is what it was (`labels`).
 */
import { Chart, Testing } from 'cdk8s';
import { AppDeployment, AppDeploymentProps, DemoBackend, DemoBackendProps } from '../../constructs';
import { selectorChangeProblems } from '../../constructs/gitops/immutable-fields';

function deployment(props: Partial<AppDeploymentProps>): any {
  const chart = new Chart(Testing.app(), 'c');
  new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80, ...props });
  return Testing.synth(chart).find(o => o.kind === 'Deployment');
}

function backend(props: Partial<DemoBackendProps>): any[] {
  const chart = new Chart(Testing.app(), 'c');
  new DemoBackend(chart, 'Svc', { serviceName: 'svc1', ...props });
  return Testing.synth(chart);
}

test('by default (and with labels) the selector, the pod labels and the Deployment\'s labels are one set, as before', () => {
  const d = deployment({ labels: { app: 'web', tier: 'front' } });
  expect(d.spec.selector.matchLabels).toEqual({ app: 'web', tier: 'front' });
  expect(d.spec.template.metadata.labels).toEqual({ app: 'web', tier: 'front' });
  expect(d.metadata.labels).toEqual({ app: 'web', tier: 'front' });
  expect(deployment({}).spec.selector.matchLabels).toEqual({ app: 'web' });
});

test('selectorLabels is the selector; podLabels are on the pods and the Deployment only, so changing them keeps the selector', () => {
  const chart = new Chart(Testing.app(), 'c');
  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 80, selectorLabels: { app: 'web' }, podLabels: { team: 'a' } });
  expect(web.labels).toEqual({ app: 'web' });
  expect(web.podLabels).toEqual({ team: 'a', app: 'web' });
  const before = deployment({ selectorLabels: { app: 'web' }, podLabels: { team: 'a' } });
  const after = deployment({ selectorLabels: { app: 'web' }, podLabels: { team: 'b', cost: 'x1' } });
  expect(before.spec.selector).toEqual(after.spec.selector);
  expect(after.spec.template.metadata.labels).toEqual({ app: 'web', cost: 'x1', team: 'b' });
  expect(after.metadata.labels).toEqual({ app: 'web', cost: 'x1', team: 'b' });
});

test('DemoBackend: the same split; the ConfigMap carries the pod labels', () => {
  const objs = backend({ selectorLabels: { app: 'svc' }, podLabels: { team: 'a' } });
  const d = objs.find(o => o.kind === 'Deployment');
  expect(d.spec.selector.matchLabels).toEqual({ app: 'svc' });
  expect(d.spec.template.metadata.labels).toEqual({ app: 'svc', team: 'a' });
  expect(objs.find(o => o.kind === 'ConfigMap').metadata.labels).toEqual({ app: 'svc', team: 'a' });
});

test('fails with labels and selectorLabels together', () => {
  expect(() => deployment({ labels: { app: 'web' }, selectorLabels: { app: 'web' } })).toThrow(/props\.labels: is set together with selectorLabels/);
  expect(() => backend({ labels: { app: 'web' }, selectorLabels: { app: 'web' } })).toThrow(/props\.labels: is set together with selectorLabels/);
});

test('fails with a pod label that contradicts the selector (the pods would not match their Deployment); the same value is fine', () => {
  expect(() => deployment({ selectorLabels: { app: 'web' }, podLabels: { app: 'other' } }))
    .toThrow(/props\.podLabels\["app"\]: "other" contradicts the selector's "app": "web"/);
  expect(deployment({ selectorLabels: { app: 'web' }, podLabels: { app: 'web' } }).spec.template.metadata.labels).toEqual({ app: 'web' });
});

test('fails with an empty selector and with an invalid pod label, in one error', () => {
  expect(() => deployment({ selectorLabels: {}, podLabels: { 'bad key!': 'x' } })).toThrow(/props\.selectorLabels: is empty[\s\S]*props\.podLabels\["bad key!"\]/);
});

describe('selectorChangeProblems: what the safe synth refuses against the previous output', () => {
  const withPodLabels = (podLabels: Record<string, string>) => deployment({ selectorLabels: { app: 'web' }, podLabels });

  test('fails when labels (the selector) gained a label: the Deployment\'s spec.selector changed', () => {
    const problems = selectorChangeProblems([deployment({ labels: { app: 'web' } })], [deployment({ labels: { app: 'web', team: 'a' } })]);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('Deployment web: spec.selector');
    expect(problems[0].detail).toMatch(/changed from \{"matchLabels":\{"app":"web"\}\} to .*field is immutable/);
  });

  test('a new pod label, a new object or one that left: nothing to refuse', () => {
    expect(selectorChangeProblems([withPodLabels({ team: 'a' })], [withPodLabels({ team: 'b' })])).toEqual([]);
    expect(selectorChangeProblems([], [deployment({})])).toEqual([]);
    expect(selectorChangeProblems([deployment({})], [])).toEqual([]);
  });
});
