/**
 * Building packages: for one recipient agency, a compact JWS of the claims naming only that agency,
 * nested in a JWE to the agency's X25519 key when the content needs it (design.md, Intel packages).
 */
import type { Grades, HandlingCode, IntelKind } from '@ewto/schemas/generated/intel';
import type { TlpLabel } from '@ewto/schemas/vocabularies';
import { CompactEncrypt, CompactSign } from 'jose';
import { IntelError } from './errors.ts';
import {
  CONTENT_ENCRYPTION,
  KEY_MANAGEMENT_ALG,
  needsEncryption,
  PACKAGE_TYP,
  SIGNATURE_ALG,
} from './formats.ts';
import type { EncryptionKey, SigningKey } from './keys.ts';

/** What every package of one publication shares. */
export interface PublicationInput {
  /** The hub's HUB_URL. */
  issuer: string;
  publication: string;
  author: string;
  kind: IntelKind;
  tlp: TlpLabel;
  handling: HandlingCode;
  handlingNote?: string | undefined;
  grades: Grades;
  /** The trend alert or network report. */
  body: unknown;
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

export interface PackageRecipient {
  agencyId: string;
  packageId: string;
  /** The agency's X25519 key; required when the publication is encrypted. */
  encryptionKey?: EncryptionKey | undefined;
}

export interface BuiltPackage {
  packageId: string;
  agencyId: string;
  encrypted: boolean;
  /** The compact serialisation: a JWS (3 parts) or a JWE (5 parts). */
  token: string;
}

const encoder = new TextEncoder();

/**
 * Prepares a publication for packaging: the claims every package shares are serialised once, and
 * each recipient's package adds its own `aud` and `jti`.
 * @example
 * const pack = preparePublication(input);
 * const pkg = await pack.build({ agencyId, packageId, encryptionKey }, hubKey);
 */
export function preparePublication(input: PublicationInput) {
  const encrypted = needsEncryption(input.kind, input.tlp);
  if (input.expiresAt <= input.issuedAt)
    throw new IntelError('invalid', 'the expiry must be after the time of publishing');
  // Everything but aud and jti, as JSON text without the braces (the body is the bulk: serialise it once).
  const shared = JSON.stringify({
    iss: input.issuer,
    iat: input.issuedAt,
    nbf: input.issuedAt,
    exp: input.expiresAt,
    kind: input.kind,
    publication: input.publication,
    author: input.author,
    tlp: input.tlp,
    handling: input.handling,
    ...(input.handlingNote ? { handlingNote: input.handlingNote } : {}),
    grades: input.grades,
    body: input.body,
  }).slice(1);
  return {
    encrypted,
    /** Signs (and encrypts, when needed) the package of one recipient. */
    async build(recipient: PackageRecipient, signer: SigningKey): Promise<BuiltPackage> {
      if (encrypted && !recipient.encryptionKey)
        throw new IntelError(
          'unsendable',
          `agency ${recipient.agencyId} has no encryption key, and this ${input.kind} at TLP:${input.tlp} must be encrypted`,
        );
      const claims = `{"aud":${JSON.stringify(recipient.agencyId)},"jti":${JSON.stringify(recipient.packageId)},${shared}`;
      const jws = await new CompactSign(encoder.encode(claims))
        .setProtectedHeader({ alg: SIGNATURE_ALG, typ: PACKAGE_TYP, kid: signer.kid })
        .sign(signer.key);
      const token = encrypted ? await encryptJws(jws, recipient.encryptionKey as EncryptionKey) : jws;
      return { packageId: recipient.packageId, agencyId: recipient.agencyId, encrypted, token };
    },
  };
}

/** Nests a JWS in a JWE to one X25519 key (`cty: JWT`, RFC 7519 §5.2). */
export function encryptJws(jws: string, to: EncryptionKey): Promise<string> {
  return new CompactEncrypt(encoder.encode(jws))
    .setProtectedHeader({ alg: KEY_MANAGEMENT_ALG, enc: CONTENT_ENCRYPTION, cty: 'JWT', kid: to.kid })
    .encrypt(to.key);
}
