/**
 * The values a lab user must change for their cluster, in one place. The defaults are the
 * seed's own values (its floating IP, its `xxx.com` domain, its images).
 */

/** What serves the replies of experiments 3-7. */
export enum LabBackends {
  /** `DemoBackend`: a stock unprivileged nginx with the seed's replies, HTTPS where the seed's servers speak TLS. */
  DEMO = 'DEMO',
  /** The seed's own Go images (`images.svc1` ... `images.svc5`), built with its `build_images.sh`. */
  SEED_IMAGES = 'SEED_IMAGES',
}

/** Where the lab's TLS certificates come from. */
export enum LabCertificates {
  /**
   * cert-manager (which must be installed) runs a lab CA: `LabCertificateAuthority` issues the
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
  /** What serves experiments 3-7. */
  readonly backends: LabBackends;
  /** Where the TLS certificates come from. */
  readonly certificates: LabCertificates;
  /** Where `npm run lab:certs` writes (git-ignored); read at synth only with LabCertificates.FILES. */
  readonly certsDir: string;
}

/** The seed's values. */
export const SEED_CONFIG: LabConfig = {
  domain: 'xxx.com',
  externalIp: '10.119.12.4',
  hostNetworkPort: 8090,
  seedMirrorImages: false,
  backends: LabBackends.DEMO,
  certificates: LabCertificates.LAB_CA,
  certsDir: '.lab-certs',
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
