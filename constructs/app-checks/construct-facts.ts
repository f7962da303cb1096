/**
 * Typed facts that constructs attach to themselves for the app model: an ingress controller's
 * class, flags and host ports, a Secret that exists outside the app, the addresses of the
 * cluster's nodes. They replace construct metadata as a data channel (metadata stays what cdk8s
 * uses it for, and what `Warnings` records): a fact has a type, is kept in a WeakMap keyed by the
 * construct, and is read back in tree order when the model of an app is built.
 */
import { IConstruct } from 'constructs';

/** A kind of fact and the type of its values (`T`). Compared by identity: one constant per kind. */
export class FactKind<T> {
  /** Never set: ties the kind to the type of its values. */
  declare private readonly valueType?: T;

  /** @param name what the fact is, for debugging */
  public constructor(public readonly name: string) {}
}

const FACTS = new WeakMap<IConstruct, Map<FactKind<unknown>, unknown[]>>();
/** How many facts were attached in this process: a result computed from the facts holds while it is unchanged (synth-memo.ts). */
let attached = 0;

/** A number that changes whenever a fact is attached (to any construct). */
export function factsVersion(): number {
  return attached;
}

/** Attaches a `kind` fact to `construct` (after the ones it has). */
export function attachFact<T>(construct: IConstruct, kind: FactKind<T>, value: T): void {
  attached++;
  let byKind = FACTS.get(construct);
  if (!byKind) FACTS.set(construct, byKind = new Map());
  const list = byKind.get(kind as FactKind<unknown>);
  if (list) list.push(value);
  else byKind.set(kind as FactKind<unknown>, [value]);
}

/** The `kind` facts attached to `construct` itself, in the order attached. */
export function factsOf<T>(construct: IConstruct, kind: FactKind<T>): readonly T[] {
  return (FACTS.get(construct)?.get(kind as FactKind<unknown>) ?? []) as T[];
}

/** One attached fact and the construct it is attached to. */
export interface AttachedFact<T> {
  readonly construct: IConstruct;
  readonly value: T;
}

/** Every `kind` fact attached to `constructs` (tree order), with its construct. */
export function collectFacts<T>(constructs: readonly IConstruct[], kind: FactKind<T>): AttachedFact<T>[] {
  const out: AttachedFact<T>[] = [];
  for (const construct of constructs) {
    for (const value of factsOf(construct, kind)) out.push({ construct, value });
  }
  return out;
}
