export {
  addMember,
  createOrg,
  createUser,
  findOrg,
  findUser,
  getMember,
  listMembers,
  listOrgs,
  type Member,
  membershipOrgIds,
  type Organisation,
  removeMember,
  resolveRecipients,
  setRole,
  type User,
  userMemberships,
  visibleOrgIds,
} from './accounts.ts';
export { type Actor, ANONYMOUS, actorId, actorOrgs, type Membership } from './actor.ts';
export {
  type AuditActorInput,
  type AuditEventInput,
  type AuditFaults,
  AuditLog,
  type AuditRecorder,
  type SignedCheckpoint,
  type StoredEntry,
} from './audit-log.ts';
export {
  ACTIONS,
  type Action,
  authorize,
  credentialScope,
  type Decision,
  inScope,
  type Resource,
  scopedMemberships,
} from './authz.ts';
export {
  type ClientKeyRow,
  createPat,
  findUsablePat,
  getClientKey,
  getUserPat,
  listClientKeys,
  listPats,
  PAT_PREFIX,
  type PatInfo,
  registerClientKey,
  revokeClientKey,
  revokePat,
} from './credentials.ts';
export {
  envelopeKekId,
  formatKeyEncryptionKey,
  generateKeyEncryptionKey,
  isSealed,
  KeyEncryptionKey,
  openEnvelope,
  parseKeyEncryptionKey,
  sealEnvelope,
} from './envelope.ts';
export { IDENTITY_ERROR_CODES, IdentityError, type IdentityErrorCode, type OAuthError } from './errors.ts';
export { AuthFailureLog, type FailureEvent } from './failure-audit.ts';
export { loopbackAliases } from './hub-url.ts';
export { isId, newId, nowIso } from './ids.ts';
export {
  createInvitation,
  getInvitation,
  hasUnscopedCredential,
  INVITATION_DAYS,
  INVITATION_PREFIX,
  type Invitation,
  InvitationError,
  listInvitations,
  redeemInvitation,
  revokeInvitation,
  revokePendingInvitations,
} from './invitations.ts';
export { HubKeyStore, type PublishedJwk, rewrapHubKeys } from './keystore.ts';
export {
  clampLimit,
  decodeCursor,
  decodeIntCursor,
  encodeCursor,
  loadCursorSecret,
  type Page,
  withCursorSecret,
} from './pagination.ts';
export {
  addPasskey,
  findPasskey,
  listPasskeys,
  type PasskeyInfo,
  type PasskeyRow,
  recordPasskeyUse,
  revokePasskey,
  saveChallenge,
  takeChallenge,
} from './passkeys.ts';
export { publicKeyFromJwk } from './public-keys.ts';
export {
  type AuthAttempt,
  AuthLimiter,
  type AuthLimits,
  MemoryRateLimitStore,
  type RateLimitStore,
  type WindowCount,
} from './rate-limit.ts';
export { type RedisEval, RedisRateLimitStore } from './redis-rate-limit.ts';
export { type RewrapCounts, rewrapAll } from './rewrap.ts';
export { type RevokedCredentials, revokeScopedCredentials } from './scoped-credentials.ts';
export {
  createSession,
  csrfTokenFor,
  findLiveSession,
  listSessions,
  revokeSession,
  SESSION_PREFIX,
  type SessionInfo,
  type SessionMethod,
  sessionActor,
  touchSession,
} from './sessions.ts';
export {
  ASSERTION_TYPE_JWT,
  GRANT_CLIENT_CREDENTIALS,
  GRANT_TOKEN_EXCHANGE,
  type IssuedToken,
  MAX_ASSERTION_LIFETIME,
  TOKEN_TYPE_ACCESS,
  TOKEN_TYPE_PAT,
  TokenService,
} from './tokens.ts';
export { loadUserActor } from './user-actor.ts';
