/** Retractions and the revocation list: what the hub signs when an author withdraws a publication. */
import type { RetractionClaims, RevocationListClaims } from '@ewto/schemas/generated/intel';
import { CompactSign } from 'jose';
import { RETRACTION_TYP, REVOCATIONS_TYP, SIGNATURE_ALG } from './formats.ts';
import type { SigningKey } from './keys.ts';

const encoder = new TextEncoder();

function sign(claims: object, typ: string, signer: SigningKey): Promise<string> {
  return new CompactSign(encoder.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: SIGNATURE_ALG, typ, kid: signer.kid })
    .sign(signer.key);
}

/**
 * The retraction of one package, for its recipient agency.
 * @example await signRetraction({ iss, aud: agencyId, sub: packageId, iat, jti, publication, reason }, hubKey)
 */
export const signRetraction = (claims: RetractionClaims, signer: SigningKey) =>
  sign(claims, RETRACTION_TYP, signer);

/** The signed list of retracted publications. */
export const signRevocationList = (claims: RevocationListClaims, signer: SigningKey) =>
  sign(claims, REVOCATIONS_TYP, signer);
