/**
 * The values a lab user must change for their cluster, in one place. The defaults are the
 * seed's own values (its node addresses and floating IP, its `xxx.com` domain, its demo
 * images) where they work, and a fix where they do not (see README, "Deliberate changes").
 */
import { TaintEffect, Toleration, TolerationOperator } from '../constructs';
import type { LabMirror } from './mirror';

/** What serves the replies of experiments 3-7. */
export enum LabBackends {
  /** `DemoBackend`: a stock unprivileged nginx with the seed's replies, HTTPS where the seed's servers speak TLS. */
  DEMO = 'DEMO',
  /** The seed's own Go images (`images.svc1` ... `images.svc5`), built with its `build_images.sh`. */
  SEED_IMAGES = 'SEED_IMAGES',
}

/**
 * Which routing target the lab's experiments 3-7 are rendered for: the seed's ingress-nginx
 * (`npm run synth` -> dist/) or Gateway API v1.6 on Envoy Gateway (`npm run synth:gateway` ->
 * dist-gateway/). Hostnames, certificates and replies are the same.
 */
export enum LabFlavour {
  /** ingress-nginx (the seed's controller, rendered as plain manifests): dist/. */
  INGRESS_NGINX = 'INGRESS_NGINX',
  /** Gateway API: a GatewayClass of Envoy Gateway, one Gateway, HTTPRoute, TLSRoute, BackendTLSPolicy: dist-gateway/. */
  GATEWAY_API = 'GATEWAY_API',
}

/** Where the lab's TLS certificates come from. */
export enum LabCertificates {
  /**
   * cert-manager (which must be installed) runs a lab CA: `CertificateAuthority` issues the
   * Ingress and backend certificates, and svc4's backend is verified.
   */
  LAB_CA = 'LAB_CA',
  /**
   * Secrets you create from `npm run lab:certs` output with kubectl (the seed's
   * `kubectl create secret tls` flow); see README.
   */
  EXISTING_SECRETS = 'EXISTING_SECRETS',
  /**
   * The Ingress certificates are read from `certsDir` at synth, checked, and written into dist/
   * WITH THEIR PRIVATE KEY (an explicit opt-in; for throwaway clusters only). Backend secrets
   * as in EXISTING_SECRETS.
   */
  FILES = 'FILES',
}

/** The seed's nginx (2015): most likely a Docker schema-1 image, which containerd 2.x refuses to pull. */
export const SEED_NGINX_IMAGE = 'nginx:1.9.0';

/** The nginx of sections 9.1-9.4 by default: a current stable release (multi-architecture). */
export const CURRENT_NGINX_IMAGE = 'nginx:1.28';

/** A toleration for the control-plane taint, to run the controller on control-plane nodes too. */
export const CONTROL_PLANE_TOLERATION: Toleration = {
  key: 'node-role.kubernetes.io/control-plane', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE,
};

/** Images the lab runs. */
export interface LabImages {
  /** The nginx of sections 9.1-9.4 (hostPort, hostNetwork, NodePort, externalIPs); `SEED_NGINX_IMAGE` is the seed's. */
  readonly nginx: string;
  /** The seed's Go demo servers of experiments 3-7, one per svcN. */
  readonly svc1: string;
  readonly svc2: string;
  readonly svc3: string;
  readonly svc4: string;
  readonly svc5: string;
}

/** Fixed node ports of Envoy's Service in the Gateway API flavour (`LabConfig.gatewayNodePorts`). */
export interface GatewayNodePorts {
  /** The node port of the Gateway's port 80 (e.g. 30080). */
  readonly http: number;
  /** The node port of the Gateway's port 443 (e.g. 30443). */
  readonly https: number;
}

/** The node ports lab/kind-config.yaml maps for `gatewayNodePorts` (set them to use it). */
export const KIND_GATEWAY_NODE_PORTS: GatewayNodePorts = { http: 30080, https: 30443 };

/** Everything the lab needs to know about your cluster. */
export interface LabConfig {
  /**
   * The one namespace of every namespaced lab object (all sections and experiments; the
   * controller keeps its own `ingress-nginx`): in each object's metadata, in the backends'
   * DNS names, `proxy-ssl-name` and `proxy-ssl-secret`, and in every command the lab prints.
   * Created by `dist/00-namespace.k8s.yaml` unless it is `default`.
   */
  readonly namespace: string;
  /** DNS domain of the Ingress hosts: svc1.<domain> ... svc5.<domain>. */
  readonly domain: string;
  /**
   * The addresses of your nodes (internal and external/floating). The app-wide checks refuse
   * an externalIP:port that shadows a port a node serves when the externalIP is one of these.
   */
  readonly nodeAddresses: string[];
  /**
   * The externalIP of section 9.4: an IP that reaches a node from outside the cluster
   * (the seed used noe-node-2's floating IP).
   */
  readonly externalIp: string;
  /**
   * The port of section 9.4's Service on `externalIp`. The seed's 80 is the ingress
   * controller's host port on every node: on a node address kube-proxy's externalIP rule
   * would capture it before the controller sees it.
   */
  readonly externalIpPort: number;
  /**
   * The port pod2-host-network listens on. The seed used nginx's 80, which the ingress
   * controller (hostNetwork DaemonSet) already holds on every node; see README.
   */
  readonly hostNetworkPort: number;
  /** Images. */
  readonly images: LabImages;
  /**
   * Pull ingress-nginx from the seed's Docker Hub mirror (`davidliyutong/ingress-nginx-*`)
   * instead of registry.k8s.io; not checked to carry v1.11.8.
   */
  readonly seedMirrorImages: boolean;
  /**
   * Tolerations of the ingress controller's pods, e.g. `[CONTROL_PLANE_TOLERATION]` to serve on
   * control-plane nodes too (the seed has none: tainted nodes get no controller).
   */
  readonly controllerTolerations: Toleration[];
  /**
   * The ingress-nginx release of experiment 1 (`v1.11.8`: Kubernetes 1.26-1.30, the seed's;
   * `v1.15.1`: 1.31-1.35, the final release). dist/ is synthesised with `v1.15.1` (clusters of
   * today); `npm run lab:up` replaces it with the release that supports the cluster's version
   * (lab/versions.ts) unless `--dir` applies ready-made manifests.
   */
  readonly ingressNginxRelease: string;
  /**
   * The port of the ingress controller's admission webhook. The controller runs in the host
   * network, so this is a port of every node: upstream's 8443 is where minikube's API server
   * listens on its node (ingress-nginx then only logs the failed bind, and every Ingress is
   * refused with an x509 error).
   */
  readonly controllerWebhookPort: number;
  /**
   * Deploy ingress-nginx's default backend (the seed's values-prod.yaml did). Off: its image
   * `registry.k8s.io/defaultbackend-amd64` runs on amd64 nodes only, and without it the
   * controller's own catch-all answers the same 404 for unknown hosts.
   */
  readonly defaultBackend: boolean;
  /**
   * Gateway API flavour only: expose Envoy's data plane on these fixed node ports (an EnvoyProxy
   * with a NodePort Service) instead of a Service of type LoadBalancer, for clusters without a
   * LoadBalancer (plain kind, minikube without a tunnel, bare metal without MetalLB). lab:verify
   * then sends the Ingress hosts to these ports of the Gateway's address (a node's).
   * Undefined: a LoadBalancer Service (Envoy Gateway's default).
   */
  readonly gatewayNodePorts?: GatewayNodePorts;
  /** What serves experiments 3-7. */
  readonly backends: LabBackends;
  /** Where the TLS certificates come from. */
  readonly certificates: LabCertificates;
  /** Where `npm run lab:certs` writes (git-ignored); read at synth only with LabCertificates.FILES. */
  readonly certsDir: string;
  /**
   * Firewalled or air-gapped networks (issue 25): one setting that re-points every image of the
   * lab's manifests and every manifest or chart URL lab:up and lab:down use (lab/mirror.ts).
   * @default - none: the upstream registries and github.com
   */
  readonly mirror?: LabMirror;
}

/** The defaults: the seed's values, with its nginx replaced by a current one and its own namespace. */
export const LAB_DEFAULTS: LabConfig = {
  namespace: 'expose-lab',
  domain: 'xxx.com',
  // the seed's nodes: noe-node-0/1/2 external (10.119.12.4 is node-2's floating IP) and internal addresses
  nodeAddresses: ['10.119.12.1', '10.119.12.3', '10.119.12.4', '10.64.13.20', '10.64.13.21', '10.64.13.22'],
  externalIp: '10.119.12.4',
  externalIpPort: 8088,
  hostNetworkPort: 8090,
  seedMirrorImages: false,
  controllerTolerations: [],
  ingressNginxRelease: 'v1.15.1',
  controllerWebhookPort: 8444,
  defaultBackend: false,
  backends: LabBackends.DEMO,
  certificates: LabCertificates.LAB_CA,
  certsDir: '.lab-certs',
  images: {
    nginx: CURRENT_NGINX_IMAGE,
    svc1: 'noewangjinyuan/nginx-ingress-demo-svc1:1.0.1',
    svc2: 'noewangjinyuan/nginx-ingress-demo-svc2:0.1',
    svc3: 'noewangjinyuan/nginx-ingress-demo-svc3:0.1',
    svc4: 'noewangjinyuan/nginx-ingress-demo-svc4:0.1',
    svc5: 'noewangjinyuan/nginx-ingress-demo-svc5:0.1',
  },
};

/** The configuration main.ts synthesises and `npm run lab:*` use: edit here for your cluster. */
export const LAB_CONFIG: LabConfig = {
  ...LAB_DEFAULTS,
};
