/**
 * Telling cdk8s-expose's validation errors apart, in every jsii language.
 *
 * The error class itself (`ExposeValidationError`, a subclass of Error) is TypeScript-only:
 * import it from `cdk8s-expose/errors`. The package entry exports `ExposeErrors`.
 */
import { IConstruct } from 'constructs';
import { invalid, Problem, problemText } from './problem';

export { show } from './problem';

const VALIDATION_ERROR_BRAND = Symbol.for('cdk8s-expose.ExposeValidationError');

/**
 * Thrown for any input that Kubernetes, ingress-nginx or cdk8s-expose would reject.
 *
 * TypeScript-only (a subclass of Error is not jsii-compatible): it is exported from
 * `cdk8s-expose/errors`; the package entry has `ExposeErrors.isValidationError()` for every language.
 */
export class ExposeValidationError extends Error {
  /** Whether `x` is an ExposeValidationError, also one thrown by another copy of this package. */
  public static isExposeValidationError(x: unknown): x is ExposeValidationError {
    return typeof x === 'object' && x !== null && (x as any)[VALIDATION_ERROR_BRAND] === true;
  }

  /** The construct path of the construct whose input is wrong. */
  public readonly constructPath: string;
  /** The field of the first problem, as a Kubernetes field path or a props name (`spec.ports[0].nodePort`, `props.host`). */
  public readonly field: string;
  /** Every problem of the construct's input (at least one); the message has one line per problem. */
  public readonly problems: readonly Problem[];

  /** One problem (`field: message`), or, with `problems`, all of them (`field` and `message` are then those of the first). */
  constructor(constructPath: string, field: string, message: string, problems?: readonly Problem[]) {
    const all = problems && problems.length > 0 ? problems : [invalid(field, undefined, message)];
    super(all.map(p => `[${constructPath}] ${problemText(p)}`).join('\n'));
    this.name = 'ExposeValidationError';
    Object.defineProperty(this, VALIDATION_ERROR_BRAND, { value: true });
    this.constructPath = constructPath;
    this.field = all[0].field;
    this.problems = all;
  }
}

/**
 * The problems of one construct's input, collected rule by rule and thrown once, so that the
 * error lists all of them.
 *
 * @example
 * const problems = new ProblemList();
 * problems.add(portNumberProblems(FieldPath.spec('port'), props.port));
 * problems.throwIfAny(this);   // one ExposeValidationError, one line per problem
 */
export class ProblemList {
  private readonly items: Problem[] = [];

  /** Adds the problems a rule returned. */
  public add(problems: readonly Problem[]): this {
    this.items.push(...problems);
    return this;
  }

  /**
   * Throws one {@link ExposeValidationError} with every problem, naming `construct`'s path. A
   * half-built construct is taken out of the tree first, so that a failed `new X(scope, id)`
   * leaves nothing behind. A string is used as the path as it is (static factories, options).
   */
  public throwIfAny(construct: IConstruct | string): void {
    if (this.items.length === 0) return;
    if (typeof construct !== 'string' && collectsProblems(construct)) {
      const problems = [...this.items];
      construct.node.addValidation({ validate: () => problems.map(problemText) });
      return;
    }
    this.throwNow(construct);
  }

  /** Throws like `throwIfAny`, also where the app collects problems (for checks later code depends on). */
  public throwNow(construct: IConstruct | string): void {
    if (this.items.length === 0) return;
    const path = typeof construct === 'string' ? construct : construct.node.path;
    if (typeof construct !== 'string') construct.node.scope?.node.tryRemoveChild(construct.node.id);
    throw new ExposeValidationError(path, this.items[0].field, this.items[0].detail, [...this.items]);
  }
}

/** Throws the problems of one rule at once (for a rule whose later checks depend on it); returns `value` when there are none. */
export function requireNoProblems<T>(construct: IConstruct | string, problems: readonly Problem[], value: T): T {
  new ProblemList().add(problems).throwNow(construct);
  return value;
}

/** The context key of {@link ExposeErrors.COLLECT_CONTEXT}. */
const COLLECT_CONTEXT = 'cdk8s-expose:collectConstructionProblems';

/** Whether the app of `construct` collects construction problems for its synth instead of throwing them. */
function collectsProblems(construct: IConstruct): boolean {
  return construct.node.tryGetContext(COLLECT_CONTEXT) === true;
}

/**
 * Inspects errors thrown by cdk8s-expose constructs.
 * @stable
 */
export class ExposeErrors {
  /**
   * The context key that makes constructs report bad input at synth instead of throwing it: set
   * it to `true` on the app before adding charts (`app.node.setContext(ExposeErrors.COLLECT_CONTEXT,
   * true)`, or `new ExposeApp({ collectConstructionProblems: true })`). Each construct with bad
   * input is then built with the values given and adds its problems as a validation, so one synth
   * reports the problems of every construct at once (cdk8s's "Validation failed with the following
   * errors", one line per problem with its construct path), which is what a CI wants. Checks that
   * later steps depend on still throw at once. Off by default: a throw at the faulty `new` line is
   * what a developer wants.
   */
  public static readonly COLLECT_CONTEXT = COLLECT_CONTEXT;

  /** Whether `error` is a cdk8s-expose validation error (bad input caught at construction). */
  public static isValidationError(error: any): boolean {
    return ExposeValidationError.isExposeValidationError(error);
  }

  /**
   * The construct path of the construct whose input was wrong.
   * @returns undefined if `error` is not a cdk8s-expose validation error
   */
  public static constructPathOf(error: any): string | undefined {
    return ExposeValidationError.isExposeValidationError(error) ? error.constructPath : undefined;
  }

  /**
   * The field that was wrong (`spec.ports[0].nodePort`, `props.host`).
   * @returns undefined if `error` is not a cdk8s-expose validation error
   */
  public static fieldOf(error: any): string | undefined {
    return ExposeValidationError.isExposeValidationError(error) ? error.field : undefined;
  }

  private constructor() {}
}
