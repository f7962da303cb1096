/**
 * What a subclass of IngressBase contributes: its mode, with the problems of its own props
 * (internal: not exported from the package entry).
 */
import { Problem } from '../core/problem';
import { BackendProtocol, TlsMode } from '../exposure/exposure';
import { BackendCa } from '../tls/backend-ca';
import { TlsCertificate } from '../tls/tls-certificate';

/** The TLS handling a subclass chose. */
export interface IngressTlsChoice {
  readonly mode: TlsMode;
  readonly certificate?: TlsCertificate;
  readonly backendVerification?: { readonly caSecretName: string; readonly serverName: string };
  /** The backend CA given as a source (bound after rendering: declared external when the app does not define it). */
  readonly backendCa?: BackendCa;
}

/**
 * A subclass's mode: the backend protocol, the TLS handling (none for plain HTTP) and the
 * problems of its own props.
 */
export interface IngressModeChoice {
  readonly backendProtocol: BackendProtocol;
  readonly tls?: IngressTlsChoice;
  readonly problems: readonly Problem[];
}
