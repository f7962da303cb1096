/**
 * FluxLayout (constructs/gitops/flux-layout.ts): a folder per stage and one Flux Kustomization per
 * stage; its options are checked at once, every problem in one error. The layout of the lab and
 * its validation against the Flux CRD: __tests__/integration/gitops.test.ts.
 */
import { ExposeErrors, FluxLayout } from '../../constructs';

const groups = [
  { name: 'app.k8s.yaml', objects: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'app' }, spec: { template: { spec: { containers: [] } } } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'app' }, spec: {} },
  ] },
];

test('a folder per non-empty stage with its kustomization.yaml, and one Kustomization per stage after the one before', () => {
  const layout = FluxLayout.of(groups, { path: './clusters/lab/', dependsOn: ['cert-manager'], interval: '1h', timeout: '90s', prune: false });
  expect(layout.files.map(f => f.path)).toEqual([
    '0-foundation/app.k8s.yaml', '0-foundation/kustomization.yaml', '3-workloads/app.k8s.yaml', '3-workloads/kustomization.yaml',
    '4-routes/app.k8s.yaml', '4-routes/kustomization.yaml', 'flux/kustomizations.yaml',
  ]);
  expect(layout.files[1].documents[0].resources).toEqual(['app.k8s.yaml']);
  expect(layout.kustomizations.map(k => [k.metadata.name, k.spec.path, k.spec.dependsOn])).toEqual([
    ['cdk8s-expose-0-foundation', './clusters/lab/0-foundation', [{ name: 'cert-manager' }]],
    ['cdk8s-expose-3-workloads', './clusters/lab/3-workloads', [{ name: 'cdk8s-expose-0-foundation' }]],
    ['cdk8s-expose-4-routes', './clusters/lab/4-routes', [{ name: 'cdk8s-expose-3-workloads' }]],
  ]);
  expect(layout.kustomizations[0].spec).toMatchObject({ interval: '1h', timeout: '90s', prune: false, wait: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } });
});

test('fails with every bad option in one error: a path outside the source, durations, names', () => {
  let error: unknown;
  try {
    FluxLayout.of(groups, { path: '../up', interval: '10 minutes', timeout: '5', namePrefix: 'Expose', sourceName: 'my_repo', dependsOn: ['ok', '-bad'] });
  } catch (e) {
    error = e;
  }
  expect(ExposeErrors.isValidationError(error)).toBe(true);
  const message = (error as Error).message;
  for (const field of ['options.path', 'options.interval', 'options.timeout', 'options.namePrefix', 'options.sourceName', 'options.dependsOn[1]']) {
    expect(message).toContain(`[FluxLayout] ${field}: `);
  }
  expect(message).not.toContain('dependsOn[0]');
});

test('fails without a path, and with an absolute one', () => {
  expect(() => FluxLayout.of(groups, { path: '' })).toThrow(/options\.path: is required/);
  expect(() => FluxLayout.of(groups, { path: '/abs' })).toThrow(/options\.path: "\/abs" leaves the source/);
});
