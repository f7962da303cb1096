/**
 * The values a lab user must change for their cluster, in one place. The defaults are the
 * seed's own values (its floating IP, its `xxx.com` domain, its images).
 */

/** Images the lab runs. */
export interface LabImages {
  /** The nginx of sections 9.1-9.4 (hostPort, hostNetwork, NodePort, externalIPs). */
  readonly nginx: string;
  /** The seed's Go demo servers of experiments 3-7, one per svcN. */
  readonly svc1: string;
  readonly svc2: string;
  readonly svc3: string;
  readonly svc4: string;
  readonly svc5: string;
}

/** Everything the lab needs to know about your cluster. */
export interface LabConfig {
  /** DNS domain of the Ingress hosts: svc1.<domain> ... svc5.<domain>. */
  readonly domain: string;
  /**
   * The externalIP of section 9.4: an IP that reaches a node from outside the cluster
   * (the seed used noe-node-2's floating IP).
   */
  readonly externalIp: string;
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
}

/** The seed's values. */
export const SEED_CONFIG: LabConfig = {
  domain: 'xxx.com',
  externalIp: '10.119.12.4',
  hostNetworkPort: 8090,
  seedMirrorImages: false,
  images: {
    nginx: 'nginx:1.9.0',
    svc1: 'noewangjinyuan/nginx-ingress-demo-svc1:1.0.1',
    svc2: 'noewangjinyuan/nginx-ingress-demo-svc2:0.1',
    svc3: 'noewangjinyuan/nginx-ingress-demo-svc3:0.1',
    svc4: 'noewangjinyuan/nginx-ingress-demo-svc4:0.1',
    svc5: 'noewangjinyuan/nginx-ingress-demo-svc5:0.1',
  },
};

/** The configuration main.ts synthesises: edit here for your cluster. */
export const LAB_CONFIG: LabConfig = {
  ...SEED_CONFIG,
};
