/** Topology: LoadBalancer entry points, and NetworkPolicies as allowed (or denied) edges. */
import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import {
  AppDeployment, ClusterIpService, EntryPointKind, ExposureNetworkPolicies, HttpIngress, IngressNginxController, LoadBalancerService, Topology,
} from '../../constructs';

function app(): { app: App; chart: Chart } {
  const a = Testing.app();
  new IngressNginxController(new Chart(a, 'ctl'), 'IngressNginx', {});
  const chart = new Chart(a, 'apps', { namespace: 'apps' });
  const web = new AppDeployment(chart, 'Web', { image: 'nginx:1.27', containerPort: 8080 });
  new ClusterIpService(chart, 'WebSvc', { selector: web.labels, port: 80, targetPort: 8080 });
  new HttpIngress(chart, 'WebIngress', { host: 'web.example.com', backend: { serviceName: 'web-svc', port: 80 } });
  new LoadBalancerService(chart, 'WebLb', { selector: web.labels, port: 443, targetPort: 8080, loadBalancerClass: 'io.cilium/l2-announcer' });
  return { app: a, chart };
}

test('a LoadBalancerService is a load-balancer entry point through kube-proxy to its pods', () => {
  const topology = Topology.of(app().app);
  const lb = topology.entryPoints.find(n => n.entryPointKind === EntryPointKind.LOAD_BALANCER);
  expect(lb?.label).toBe('load balancer of web-lb :443');
  expect(topology.edgesFrom(lb!.id).map(e => e.to)).toEqual(['hop/kube-proxy/apps/web-lb']);
});

test('without NetworkPolicies no policy edge is drawn', () => {
  const topology = Topology.of(app().app);
  expect(topology.edges.filter(e => e.label.includes('NetworkPolicy'))).toEqual([]);
});

test('the allow rules of ExposureNetworkPolicies are edges from the controller and from any source to the pods', () => {
  const { app: a, chart } = app();
  new ExposureNetworkPolicies(chart, 'NetworkPolicies', { defaultDeny: true });
  const topology = Topology.of(a);
  const policyEdges = topology.edges.filter(e => e.label.includes('NetworkPolicy')).map(e => `${e.from} -> ${e.to}: ${e.label.replace('\n', ' | ')}`);
  expect(policyEdges).toEqual([
    'hop/controller/ingress-nginx/ingress-nginx-controller -> pods/apps/Deployment/web: TCP :8080 | allowed by NetworkPolicy web-from-anywhere, web-from-ingress-nginx-controller',
    'entry/policy-source/anywhere -> pods/apps/Deployment/web: TCP :8080 | allowed by NetworkPolicy web-from-anywhere',
  ]);
});

test('a default-deny without allow rule: the edges say DENIED', () => {
  const { app: a, chart } = app();
  new k8s.KubeNetworkPolicy(chart, 'Deny', { metadata: { name: 'deny-all' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  const labels = Topology.of(a).edges.filter(e => e.label.includes('NetworkPolicy')).map(e => e.label.split('\n')[1]);
  expect(labels).toEqual(['DENIED by NetworkPolicy deny-all', 'DENIED by NetworkPolicy deny-all']);
});
