// The package entry is what jsii (Python, Java, Go, .NET) sees: classes, interfaces and enums only.
// The field rules (constructs/field-validation.ts) and naming helpers are internal modules.
export { ExposeErrors } from './errors';
export { PathType } from './field-validation';
export { Warnings, ExposeWarning } from './warnings';
export * from './cross-object-checks';
export { Protocol, ImagePullPolicy, MountedFile, EnvVariable, ContainerOptions } from './container';
export * from './host-port-pod';
export * from './host-network-pod';
export * from './app-deployment';
export * from './service-base';
export * from './cluster-ip-service';
export * from './node-port-service';
export * from './external-ip-service';
export * from './ingress-base';
export * from './http-ingress';
export * from './tls-ingress';
export * from './ingress-nginx-controller';
export { CertificateFilesReport, CertificateFilesCheck } from './certificate-checks';
export * from './tls-certificate';
export * from './lab-certificate-authority';
export * from './demo-backend';
