// The `cdk8s-expose/errors` entry: re-exports only. `ExposeValidationError` (a subclass of Error)
// is TypeScript-only, so it lives here rather than in the jsii-visible package entry.
export { ExposeErrors, ExposeValidationError } from './core/errors';
