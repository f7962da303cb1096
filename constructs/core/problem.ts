/**
 * One shape for everything that is wrong with an input: a construct's props (thrown at
 * construction, all problems of one construct in one error), a synth-time validation, and an
 * app-wide finding. Like Kubernetes' `field.Error`: the field, the bad value, the kind of
 * problem and a detail that says what is allowed.
 *
 * Rules are pure functions that return `Problem[]` (empty when the input is fine); constructors
 * collect them with {@link ProblemList} and throw once.
 */
import { FieldPath } from './field-path';

/**
 * What kind of problem (Kubernetes' `field.ErrorType`).
 * @experimental
 */
export enum ProblemKind {
  /** The value is malformed or out of range. */
  INVALID = 'INVALID',
  /** A value is needed and missing. */
  REQUIRED = 'REQUIRED',
  /** The value is not one of the supported ones. */
  NOT_SUPPORTED = 'NOT_SUPPORTED',
  /** The value is well-formed but not allowed here (a combination, a mode, a target). */
  FORBIDDEN = 'FORBIDDEN',
  /** The value collides with another one. */
  DUPLICATE = 'DUPLICATE',
}

/**
 * One thing wrong with one field.
 * @experimental
 */
export interface Problem {
  /** What kind of problem. */
  readonly kind: ProblemKind;
  /** The field, as a manifest field path or a prop (`spec.ports[0].nodePort`, `props.mode`); '' when none fits. */
  readonly field: string;
  /**
   * The bad value, when there is one.
   * @default - none
   */
  readonly value?: any;
  /** What is wrong and what is allowed, as the message shows it after the field. */
  readonly detail: string;
}

type Field = FieldPath | string;

function make(kind: ProblemKind, field: Field, detail: string, value?: unknown): Problem {
  return value === undefined ? { kind, field: String(field), detail } : { kind, field: String(field), value, detail };
}

/** A malformed or out-of-range value. */
export function invalid(field: Field, value: unknown, detail: string): Problem {
  return make(ProblemKind.INVALID, field, detail, value);
}

/** A missing value. */
export function required(field: Field, detail: string): Problem {
  return make(ProblemKind.REQUIRED, field, detail);
}

/** A value outside a fixed set. */
export function notSupported(field: Field, value: unknown, detail: string): Problem {
  return make(ProblemKind.NOT_SUPPORTED, field, detail, value);
}

/** A value that is not allowed here. */
export function forbidden(field: Field, value: unknown, detail: string): Problem {
  return make(ProblemKind.FORBIDDEN, field, detail, value);
}

/** A value that collides with another. */
export function duplicate(field: Field, value: unknown, detail: string): Problem {
  return make(ProblemKind.DUPLICATE, field, detail, value);
}

/** `field: detail` (the detail alone when there is no field): how a problem reads in messages. */
export function problemText(problem: Problem): string {
  return problem.field === '' ? problem.detail : `${problem.field}: ${problem.detail}`;
}

/** A value as it appears in a message: strings quoted, everything else as is. */
export function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
