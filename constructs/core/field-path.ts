/**
 * Field paths in error messages, built one way (like Kubernetes' `field.NewPath`).
 *
 * The convention: a message names the manifest field a prop becomes
 * (`spec.ports[0].nodePort`, `metadata.annotations["a/b"]`) when the prop maps to one field,
 * and the prop itself (`props.mode`, `props.certificate`) when it does not (mode switches,
 * cross-field choices, construct-only options).
 *
 * @example
 * FieldPath.spec('ports').index(0).child('nodePort').toString()   // 'spec.ports[0].nodePort'
 * FieldPath.metadata('annotations').key('a/b').toString()         // 'metadata.annotations["a/b"]'
 * FieldPath.prop('mode').toString()                                // 'props.mode'
 */
export class FieldPath {
  /** A path under `spec`. */
  public static spec(...children: string[]): FieldPath {
    return children.reduce((p, c) => p.child(c), new FieldPath('spec'));
  }

  /** A path under `metadata`. */
  public static metadata(...children: string[]): FieldPath {
    return children.reduce((p, c) => p.child(c), new FieldPath('metadata'));
  }

  /** A construct prop that has no single manifest field: `props.<name>`. */
  public static prop(name: string): FieldPath {
    return new FieldPath(`props.${name}`);
  }

  /** Any other root (`data`, `rules`). */
  public static root(name: string): FieldPath {
    return new FieldPath(name);
  }

  private constructor(private readonly text: string) {}

  /** `.name` */
  public child(name: string): FieldPath {
    return new FieldPath(`${this.text}.${name}`);
  }

  /** `[i]` */
  public index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  /** `["key"]`: a map key, quoted. */
  public key(key: string): FieldPath {
    return new FieldPath(`${this.text}[${JSON.stringify(key)}]`);
  }

  /** The path as it appears in messages. */
  public toString(): string {
    return this.text;
  }
}
