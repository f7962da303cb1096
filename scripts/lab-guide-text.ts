/**
 * The teaching text of docs/lab-guide.md, per section of the seed (lab/sections.ts ids): the
 * concept in our words, what you should see and why, and what the seed saw. Behaviour stated
 * here is the seed's own observation or what upstream source says (named where it matters:
 * docs/topology.md lists the files and tags); nothing here was run on a cluster.
 */

/** The words of one section. */
export interface SectionText {
  readonly concept: string[];
  readonly see: string[];
  readonly seedSaw: string[];
}

export const NETWORK_MODEL = [
  'Every pod has its own IP; the containers of a pod share it (one network namespace).',
  'The pod network is flat: every pod reaches every other pod, and every node every pod, by IP, without NAT.',
  'A Service\'s cluster IP balances over its pods (kube-proxy\'s rules), but only inside the cluster.',
  'So traffic from outside needs a way in: a port on a node (hostPort, hostNetwork, NodePort), an address routed to a node (externalIPs, LoadBalancer), or an L7 proxy that is itself reached that way (Ingress, Gateway API).',
];

export const NETWORK_MODEL_ZH = 'IP-per-Pod、扁平网络、Service cluster IP 仅在集群内可达；外部请求需要通过 NodePort、LoadBalancer 或 Ingress。';

export const GLOSSARY: Array<[string, string, string]> = [
  ['pod IP', 'Pod IP', 'the address of one pod on the flat pod network'],
  ['node IP', '节点 IP', 'an address of a node; "NODE" below is one your client reaches'],
  ['hostPort', '主机端口', 'a port of the pod\'s node mapped to a container port (one node only)'],
  ['hostNetwork', '主机网络', 'the pod uses the node\'s own network stack'],
  ['Service / cluster IP', '服务 / 集群 IP', 'a stable virtual IP that kube-proxy balances over the pods (L4)'],
  ['endpoints (EndpointSlice)', '端点', 'the ready pod IPs behind a Service; what kube-proxy and ingress controllers send to'],
  ['kube-proxy', 'kube-proxy', 'programs every node\'s rules for cluster IPs, nodePorts and externalIPs'],
  ['NodePort', '节点端口', 'a Service port opened on every node'],
  ['externalIPs', '外部 IP', 'an address a Service answers on where the network routes it to a node'],
  ['Ingress / ingress controller', 'Ingress / Ingress 控制器', 'L7 routing rules / the proxy (here ingress-nginx) that serves them'],
  ['TLS termination', 'TLS 终止（卸载）', 'the controller ends the client\'s TLS and speaks HTTP on'],
  ['re-encryption', '重新加密', 'the controller opens new TLS to the backend'],
  ['passthrough', '透传', 'the controller routes TLS by its SNI without opening it; the pods end it'],
  ['CA certificate (ca.crt)', 'CA 证书', 'what a client trusts to verify a server\'s certificate'],
  ['admission webhook', '准入 Webhook', 'a call the API server makes to check objects; not on any client\'s path'],
];

export const SECTION_TEXT: Record<string, SectionText> = {
  '9.1': {
    concept: [
      'A hostPort maps a port of the node the pod runs on to a container port, like `docker run -p`. No Service is involved, so only that one node listens, and it cannot balance over several pods: one pod, one node.',
    ],
    see: ['`kubectl get pod -o wide` names the pod\'s node; curl that node\'s IP at the hostPort and nginx answers. Other nodes do not listen on that port.'],
    seedSaw: ['The seed curls `noe-node-2:30890` from another node. It notes that with Docker Desktop the host cannot reach the port directly (you attach to the node\'s container instead); see docs/clusters-laptop.md.'],
  },
  '9.2': {
    concept: ['hostNetwork puts the pod in the node\'s own network stack, like `docker run --net=host`: its ports are the node\'s ports, again only on the node it runs on.'],
    see: ['`-o wide` shows the pod\'s IP equal to its node\'s IP. curl that node at the port nginx listens on.'],
    seedSaw: ['The seed reaches nginx at the node\'s port 80. Here the ingress controller holds 80 on every node, so this pod listens elsewhere (see the differences).'],
  },
  '9.3': {
    concept: ['A NodePort Service opens the same port on every node; kube-proxy on each node sends it to one of the Service\'s endpoints, wherever that pod runs. So any node works, even one running no replica.'],
    see: ['The Service shows `TYPE NodePort` and its port mapping; the EndpointSlice lists the two pod IPs. curl any node at the nodePort.'],
    seedSaw: ['The seed curls two different nodes (10.119.12.1 and 10.119.12.3) at :30888 and gets nginx from both.'],
  },
  '9.4': {
    concept: [
      'externalIPs make a Service answer on an address of your choosing, but Kubernetes does not own that address: the network outside must route it to a node, where kube-proxy\'s rule takes it. The picture shows that node: the section\'s whole point.',
      'Use an address that reaches a node from outside (the seed: a floating IP). An address no node receives answers nobody outside.',
    ],
    see: ['The Service lists the external IP. curl it from a client whose network routes that IP to a node; inside the cluster the rule answers on every node.'],
    seedSaw: ['The seed set noe-node-2\'s floating IP 10.119.12.4: from outside its cloud the curl failed (the cloud did not deliver the floating IP to the node); from inside the cluster 10.119.12.4 answered and the internal address 10.64.13.22 did not.'],
  },
  'exp1': {
    concept: [
      'An ingress controller is a pod running an L7 proxy (here ingress-nginx) that watches Ingresses, Services and their endpoints through the API server and configures itself. Services are L4; an Ingress routes by host and path (L7), and can end TLS.',
      'The controller sends a request straight to the backend pods\' endpoints and skips kube-proxy (read in ingress-nginx\'s source; the picture draws the Service as where the endpoints come from). Its admission webhook is called by the API server to check Ingresses, not by clients.',
    ],
    see: ['One controller pod per node (a DaemonSet on the host network), all Running; each node answers on 80 and 443. A host no Ingress serves gets the default 404.'],
    seedSaw: ['The seed installs with Helm from a values file, re-pointing images to a Docker Hub mirror "because of network restrictions" (here: the `mirror` setting, docs/air-gapped.md).'],
  },
  'exp2': {
    concept: ['TLS needs certificates, and a client trusts a certificate only through a chain to a CA it already trusts. A self-signed certificate has no such chain. The lab runs its own CA (cert-manager) and gives you its certificate, ca.crt, to trust.'],
    see: ['The lab CA\'s Certificate Ready; its trust Secret holds `ca.crt`, which the TLS experiments fetch.'],
    seedSaw: ['The seed makes keys with openssl in `bootstrap_keys.sh` (1024-bit, self-signed, no subjectAltName at first; experiment 5 adds `-addext subjectAltName`).'],
  },
  'exp3': {
    concept: ['HTTP in, HTTP out: the controller matches the Host header and proxies to the pods of the backend Service (its endpoints), not through the cluster IP.'],
    see: ['The EndpointSlice lists the pod IPs the controller proxies to. curl with `--resolve` (sends the host to a node, as DNS would) answers with svc1\'s text from either pod.'],
    seedSaw: ['The seed curls all six node addresses with `-H Host:svc1.xxx.com` and gets the same answer from each.'],
  },
  'exp4': {
    concept: ['HTTP in, HTTPS to the backend: the controller opens TLS to the pods (`backend-protocol: HTTPS`), without verifying their certificate unless told to.'],
    see: ['svc2\'s text over plain HTTP from the client; the controller speaks HTTPS to the pods.'],
    seedSaw: ['The seed curls svc2 over HTTP and gets its answer.'],
  },
  'exp5': {
    concept: [
      'HTTPS in, HTTP to the backend: the controller ends the client\'s TLS with the Ingress\'s certificate ("TLS termination", SSL offloading) and speaks HTTP to the pods.',
      'The trust lesson of the seed: curl first WITHOUT the CA and it refuses the certificate; `-k` would hide that. Then give curl the lab CA (`--cacert ca.crt`): ca.crt comes from the lab CA\'s trust Secret (the `ca` command below), not from the server.',
    ],
    see: ['Without the CA: curl exits with 60 (certificate not trusted). With `--cacert ca.crt`: svc3\'s text. Plain HTTP gets a 308 redirect to https.'],
    seedSaw: ['The seed used `curl -k` (no verification). Passing the certificate with `--cert` still failed, because a self-signed server certificate has no chain to a trusted CA; it concluded that a CA-signed certificate and `--cacert` are needed, which is what the lab does.'],
  },
  'exp6': {
    concept: ['HTTPS in, HTTPS to the backend: the controller ends the client\'s TLS and opens new TLS to the pods, here verifying their certificate against the lab CA.'],
    see: ['Without the CA the client\'s curl fails as in experiment 5; with it, svc4\'s text.'],
    seedSaw: ['The seed used `-k` and its controller did not verify the backend\'s certificate.'],
  },
  'exp7': {
    concept: ['Passthrough: the controller does not open the TLS. Its TLS proxy reads the SNI and forwards the bytes to the Service\'s cluster IP, so here kube-proxy does take part (ingress-nginx source: the proxy dials `svc.Spec.ClusterIP`). The pods end TLS with their own certificate.'],
    see: ['The certificate curl sees is the pods\' own (issued by the lab CA for svc5\'s host), so `--cacert ca.crt` verifies it end to end.'],
    seedSaw: ['The seed used `-k` and needed `--enable-ssl-passthrough` added to its Helm values; the lab\'s controller has it.'],
  },
};
