export { type ContentIssue, checkNetworkReport } from './checks.ts';
export { INTEL_ERROR_CODES, IntelError, type IntelErrorCode } from './errors.ts';
export {
  CLOCK_TOLERANCE,
  CONTENT_ENCRYPTION,
  ENCRYPTED_TLP,
  KEY_MANAGEMENT_ALG,
  KEY_STATUS_TYP,
  MAX_RECEIPT_LIFETIME,
  needsEncryption,
  PACKAGE_TYP,
  type PackageClaims,
  PROMOTABLE_TLP,
  RECEIPT_TYP,
  RETRACTION_TYP,
  REVOCATIONS_TYP,
  SIGNATURE_ALG,
} from './formats.ts';
export {
  type EncryptionKey,
  importDecryptKey,
  importEncryptKey,
  importSignKey,
  importVerifyKey,
  type SigningKey,
} from './keys.ts';
export {
  type BuiltPackage,
  encryptJws,
  type PackageRecipient,
  type PublicationInput,
  preparePublication,
} from './package.ts';
export { type ReceiptExpectations, signReceipt, tokenDigest, verifyReceipt } from './receipt.ts';
export { signRetraction, signRevocationList } from './retraction.ts';
export {
  EWTO_STIX_NAMESPACE,
  STIX_SCO_NAMESPACE,
  TERM_PATTERN_TYPE,
  TLP_EXTENSION,
  TLP_MARKINGS,
  toStixBundle,
} from './stix.ts';
export { uuidv5 } from './uuid5.ts';
export {
  checkTimes,
  type HubTrust,
  type VerifiedPackage,
  type VerifyPackageOptions,
  verifyHubJws,
  verifyKeyStatus,
  verifyPackage,
  verifyRetraction,
  verifyRevocationList,
} from './verify.ts';
