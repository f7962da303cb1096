// The package entry is what jsii (Python, Java, Go, .NET) sees: classes, interfaces and enums only.
// Re-exports only. The rules (constructs/validation/), naming and field-path helpers (constructs/core/)
// and the app-wide check families (constructs/app-checks/) are internal modules.
export { ExposeErrors } from './core/errors';
export { PathType } from './core/enums';
export { Warnings, ExposeWarning } from './core/warnings';
export * from './app-checks/cross-object-checks';
export { ExposeApp, ExposeAppProps } from './app-checks/expose-app';
export { IYamlCache } from './app-checks/yaml-cache';
export { DnsPolicy, Protocol, ImagePullPolicy } from './core/enums';
export { MountedFile, EnvVariable, ContainerOptions } from './workloads/container';
export * from './workloads/host-port-pod';
export * from './workloads/host-network-pod';
export * from './workloads/app-deployment';
export * from './services/service-base';
export * from './services/cluster-ip-service';
export * from './services/node-port-service';
export * from './services/external-ip-service';
export * from './ingress/ingress-base';
export { NGINX_ANNOTATION_PREFIX } from './targets/ingress-nginx/annotations';
export { INGRESS_CLASS_ANNOTATION } from './targets/ingress-nginx/annotation-rules';
export * from './ingress/http-ingress';
export * from './ingress/tls-ingress';
export { ServiceBackend, ServiceBackendOptions } from './ingress/service-backend';
export * from './routing/routing-target';
export { Routing } from './routing/routing';
export { Exposure, ExposureTls, BackendVerification } from './exposure/exposure';
export { IRoutingTarget } from './exposure/routing-target';
export { IngressNginxTarget, IngressNginxTargetOptions } from './targets/ingress-nginx/ingress-nginx-target';
export { GatewayApiTarget } from './targets/gateway-api/gateway-api-target';
export { ExistingGateway, GatewayApiOptions, UnverifiedBackendTls } from './targets/gateway-api/options';
export { ProblemKind, Problem } from './core/problem';
export { IngressNginxController } from './ingress-nginx/ingress-nginx-controller';
export { ControllerKind, ControllerServiceType, HostListener, IngressNginxControllerProps } from './ingress-nginx/props';
export { IngressNginxImage, IngressNginxImageOptions } from './ingress-nginx/images';
export { Toleration, TolerationOperator, TaintEffect } from './ingress-nginx/tolerations';
export { CertManagerIssuerKind, CertManagerIssuerRef, WebhookCertificateSource, WebhookFailurePolicy } from './ingress-nginx/admission-webhook';
export { INGRESS_NGINX_VERSION } from './ingress-nginx/names';
export { CertificateFilesReport, CertificateFilesCheck } from './tls/certificate-checks';
export * from './tls/tls-certificate';
export * from './tls/certificate-authority';
export { BackendCa } from './tls/backend-ca';
export * from './tls/lab-certificate-authority';
export * from './workloads/demo-backend';
export { Topology } from './topology/topology';
export {
  EdgeProtocol, EntryPointKind, HopKind, TlsMarking, TopologyEdge, TopologyNode, TopologyNodeKind, TopologyRenderOptions,
  TopologySource, TopologyZone,
} from './topology/types';
// issue 23: GitOps (stages and sync waves, Flux layout)
export { DeployStage } from './gitops/deploy-stage';
export { DeployPlan, ManifestGroup, SYNC_WAVE_ANNOTATION } from './gitops/deploy-plan';
export { ObjectDependency } from './gitops/dependencies';
export { FluxLayout, FluxLayoutFile, FluxLayoutOptions } from './gitops/flux-layout';
export { CertgenJobLifecycle } from './ingress-nginx/admission-webhook';
// issue 24: LoadBalancer Services, the Service shape, NetworkPolicies, Pod Security, shared Gateways
export * from './services/load-balancer-service';
export { IpFamily, IpFamilyPolicy } from './services/service-enums';
export { PodSecurity, RestrictedPodSecurityOptions } from './workloads/pod-security';
export { ExposureNetworkPolicies, ExposureNetworkPoliciesProps } from './network-policies/exposure-network-policies';
export { GatewayDataPlane, IGatewayDataPlane, NetworkPeer } from './network-policies/gateway-data-plane';
export { GatewayAddress, GatewayAddressType, GatewayInfrastructure, PlatformGateway } from './targets/gateway-api/platform';
// issue 20: Pod Security labels for namespaces of hostPort/hostNetwork pods
export { PodSecurityLabels, PodSecurityLevel } from './core/pod-security-labels';
// issue 25: the topology's edge kinds (traffic, or where a proxy's endpoints come from)
export { EdgeKind } from './topology/types';
export { IngressNginxRelease } from './ingress-nginx/release';
