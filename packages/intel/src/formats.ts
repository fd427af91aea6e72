/** The JOSE formats of the intelligence exchange (design.md, docs/intelligence.md): one place names them. */
import type { IntelKind, PackageClaims } from '@ewto/schemas/generated/intel';
import type { TlpLabel } from '@ewto/schemas/vocabularies';

/** `typ` of a package JWS. */
export const PACKAGE_TYP = 'ewto-intel+jwt';
/** `typ` of a receipt an agency signs. */
export const RECEIPT_TYP = 'ewto-receipt+jwt';
/** `typ` of a retraction the hub signs. */
export const RETRACTION_TYP = 'ewto-retraction+jwt';
/** `typ` of the signed revocation list. */
export const REVOCATIONS_TYP = 'ewto-revocations+jwt';
/** `typ` of the hub's signed key-status list (made by @ewto/identity). */
export const KEY_STATUS_TYP = 'ewto-key-status+jwt';

/** The only signature algorithm accepted anywhere (RFC 8725 §3.1: an explicit allow-list). */
export const SIGNATURE_ALG = 'EdDSA';
/** Key management and content encryption of packages encrypted to an agency's X25519 key. */
export const KEY_MANAGEMENT_ALG = 'ECDH-ES+A256KW';
export const CONTENT_ENCRYPTION = 'A256GCM';
/** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. */
export const CLOCK_TOLERANCE = 30;
/** Longest a receipt may be valid. */
export const MAX_RECEIPT_LIFETIME = 3600;

/** Labels from which a package is encrypted to each recipient. */
export const ENCRYPTED_TLP: readonly TlpLabel[] = ['AMBER', 'AMBER+STRICT', 'RED'];
/** Labels whose alert terms may be promoted into the keyword library. */
export const PROMOTABLE_TLP: readonly TlpLabel[] = ['CLEAR', 'GREEN'];

/**
 * Whether packages of this kind and label are encrypted: network reports always, anything else from
 * TLP:AMBER on.
 * @example needsEncryption('trend-alert', 'GREEN') // false
 */
export function needsEncryption(kind: IntelKind, tlp: TlpLabel): boolean {
  return kind === 'network-report' || ENCRYPTED_TLP.includes(tlp);
}

export type { PackageClaims };
