import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import {
  AppDeployment, ClusterIpService, CrossObjectChecks, ExposureNetworkPolicies, GatewayDataPlane, HostPortPod, HttpIngress, IngressNginxController,
  LoadBalancerService, NodePortService, Routing, RoutingTarget,
} from '../../constructs';
import { expectFails } from '../helpers/expect-fails';
import { expectStrictlyValid } from '../helpers/strict-schemas';

function policies(app: App): any[] {
  return app.charts.flatMap(c => c.toJson()).filter(o => o.kind === 'NetworkPolicy');
}

function networkPolicyWarnings(app: App): string[] {
  return CrossObjectChecks.of(app).run().filter(f => f.rule === 'network-policy').map(f => `[${f.path}] ${f.message}`);
}

/** A web Deployment behind a ClusterIP Service and an Ingress of class nginx, in namespace `apps`. */
function webApp(app: App): Chart {
  const chart = new Chart(app, 'apps', { namespace: 'apps' });
  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 8080 });
  new ClusterIpService(chart, 'WebSvc', { selector: web.labels, port: 80, targetPort: 8080 });
  new HttpIngress(chart, 'WebIngress', { host: 'web.example.com', backend: { serviceName: 'web-svc', port: 80 } });
  return chart;
}

test('an Ingress: from the ingress controller\'s pods in the app to exactly the pod port; default-deny opt-in', () => {
  const app = Testing.app();
  new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', {});
  const chart = webApp(app);
  const np = new ExposureNetworkPolicies(chart, 'NetworkPolicies', { defaultDeny: true });
  const objects = policies(app);
  expect(objects).toMatchSnapshot();
  expect(np.policyNames).toEqual(['apps/web-from-ingress-nginx-controller', 'apps/default-deny-ingress']);
  const allow = objects.find(o => o.metadata.name === 'web-from-ingress-nginx-controller');
  expect(allow.metadata.namespace).toBe('apps');
  expect(allow.spec).toEqual({
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Ingress'],
    ingress: [{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
        podSelector: { matchLabels: expect.objectContaining({ 'app.kubernetes.io/component': 'controller' }) },
      }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    }],
  });
  expectStrictlyValid(objects);
  // the default-deny is there and the allow rule lets the exposure through: no warning
  expect(networkPolicyWarnings(app)).toEqual([]);
});

test('NodePort, LoadBalancer and hostPort: from anywhere to the pod port; the admission webhook from the API server', () => {
  const app = Testing.app();
  new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', {});
  const chart = new Chart(app, 'edge', { namespace: 'edge' });
  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 8080 });
  new NodePortService(chart, 'WebNp', { selector: web.labels, port: 80, targetPort: 8080, nodePort: 30080 });
  new LoadBalancerService(chart, 'WebLb', { selector: web.labels, port: 443, targetPort: 8443 });
  new HostPortPod(chart, 'Hp', { image: 'nginx:1.27', containerPort: 80, hostPort: 8081 });
  new ExposureNetworkPolicies(app, 'NetworkPolicies');
  const objects = policies(app);
  const byName = Object.fromEntries(objects.map(o => [`${o.metadata.namespace}/${o.metadata.name}`, o]));
  expect(Object.keys(byName).sort()).toEqual(expect.arrayContaining(['edge/hp-from-anywhere', 'edge/web-from-anywhere']));
  expect(byName['edge/web-from-anywhere'].spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 8443 }] }]);
  expect(byName['edge/hp-from-anywhere'].spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 80 }] }]);
  const webhook = objects.find(o => o.metadata.name.endsWith('-from-api-server'));
  expect(webhook.metadata.namespace).toBe('ingress-nginx');
  expect(webhook.spec.ingress[0].from).toBeUndefined();
  expectStrictlyValid(objects);
});

test('Gateway API routes: from the Gateway\'s data plane (GEP-1762 by default, Envoy Gateway on request)', () => {
  const app = Testing.app();
  Routing.of(app).use(RoutingTarget.gatewayApi({ gatewayClassName: 'eg', kubernetesVersion: '1.36', gatewayNamespace: 'gateways' }));
  const chart = webApp(app);
  new ExposureNetworkPolicies(chart, 'Default');
  const other = new Chart(app, 'eg', { namespace: 'apps2' });
  const api = new AppDeployment(other, 'Api', { image: 'nginx:1.27', containerPort: 9000 });
  new ClusterIpService(other, 'ApiSvc', { selector: api.labels, port: 80, targetPort: 9000 });
  new HttpIngress(other, 'ApiIngress', { host: 'api.example.com', backend: { serviceName: 'api-svc', port: 80 } });
  new ExposureNetworkPolicies(other, 'Eg', { gatewayDataPlane: GatewayDataPlane.envoyGateway() });
  const objects = policies(app);
  const web = objects.find(o => o.metadata.namespace === 'apps');
  expect(web.metadata.name).toBe('web-from-cdk8s-expose');
  expect(web.spec.ingress[0].from).toEqual([{
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateways' } },
    podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'cdk8s-expose' } },
  }]);
  const eg = objects.find(o => o.metadata.namespace === 'apps2');
  expect(eg.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('envoy-gateway-system');
  expect(eg.spec.ingress[0].from[0].podSelector.matchLabels).toEqual({
    'gateway.envoyproxy.io/owning-gateway-name': 'cdk8s-expose', 'gateway.envoyproxy.io/owning-gateway-namespace': 'gateways',
  });
  expectStrictlyValid(objects);
});

test('an Ingress whose controller is not in the app: from ingress-nginx as its upstream manifests deploy it, or the given pods', () => {
  const app = Testing.app();
  const chart = webApp(app);
  new ExposureNetworkPolicies(chart, 'NetworkPolicies', { ingressController: { namespace: 'edge', podLabels: { app: 'my-nginx' } } });
  const [allow] = policies(app);
  expect(allow.spec.ingress[0].from).toEqual([{
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } }, podSelector: { matchLabels: { app: 'my-nginx' } },
  }]);
});

test('externalSources: traffic through nodes from these CIDRs only', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'edge', { namespace: 'edge' });
  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 8080 });
  new NodePortService(chart, 'WebNp', { selector: web.labels, port: 80, targetPort: 8080 });
  new ExposureNetworkPolicies(chart, 'Np', { externalSources: ['10.0.0.0/16', '2001:db8::/48'] });
  const [allow] = policies(app);
  expect(allow.spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }, { ipBlock: { cidr: '2001:db8::/48' } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
  expectStrictlyValid([allow]);
});

test('fails for externalSources that are not CIDRs', () => {
  expectFails(() => new ExposureNetworkPolicies(Testing.chart(), 'Np', { externalSources: ['10.0.0.0/40'] }), '[test/Np] props.externalSources[0]: "10.0.0.0/40" is not a valid CIDR');
});

test('fails for an ingressController peer without labels or with a bad namespace', () => {
  expectFails(() => new ExposureNetworkPolicies(Testing.chart(), 'Np', { ingressController: { namespace: 'Bad_NS', podLabels: {} } }),
    '[test/Np]', 'props.ingressController.namespace', 'props.ingressController.podLabels: is empty');
});

describe('network-policy: an exposure a NetworkPolicy of the app denies', () => {
  function denyAll(chart: Chart): void {
    new k8s.KubeNetworkPolicy(chart, 'Deny', { metadata: { name: 'deny-all' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  }
  test('warns for an Ingress behind a default-deny with no allow rule, naming the route, the source, the pod port and the policy', () => {
    const app = Testing.app();
    new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', {});
    denyAll(webApp(app));
    const [w, ...rest] = networkPolicyWarnings(app);
    expect(rest).toEqual([]);
    expect(w).toMatch(/^\[apps\/WebIngress\] Ingress web-ingress \(spec\.rules\[0\]\.http\.paths\[0\]\) sends traffic from the ingress controller /);
    expect(w).toContain('to TCP port 8080 of Deployment/web in namespace "apps", but NetworkPolicy deny-all selects these pods');
  });
  test('an allow rule from the controller\'s namespace (valid twin)', () => {
    const app = Testing.app();
    new IngressNginxController(new Chart(app, 'ctl'), 'IngressNginx', {});
    const chart = webApp(app);
    denyAll(chart);
    new k8s.KubeNetworkPolicy(chart, 'Allow', { metadata: { name: 'from-ingress' }, spec: {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: k8s.IntOrString.fromNumber(8080) }] }],
    } });
    expect(networkPolicyWarnings(app)).toEqual([]);
  });
  test('an allow rule on another port does not count', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'edge', { namespace: 'edge' });
    const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 8080 });
    new NodePortService(chart, 'WebNp', { selector: web.labels, port: 80, targetPort: 8080 });
    new k8s.KubeNetworkPolicy(chart, 'Allow', { metadata: { name: 'only-9090' }, spec: {
      podSelector: {}, ingress: [{ ports: [{ port: k8s.IntOrString.fromNumber(9090) }] }],
    } });
    expect(networkPolicyWarnings(app)).toEqual([expect.stringContaining('[edge/WebNp] NodePort Service web-np :80 sends traffic from anywhere')]);
  });
});
