// The Kubernetes 1.27 bindings every construct imports (the generated `k8s` module of cdk8s
// projects). For now cdk8s-plus-27's copy, re-exported: issue 22 replaces this file with bindings
// generated offline from schemas/kubernetes-v1.27.0.json (`cdk8s import k8s@1.27`'s output).
export * from 'cdk8s-plus-27/lib/imports/k8s';
