// TEST/DEMO test-data endpoints: /testdata/person, /testdata/permissions, /testdata/context/block|unblock and
// PUT /testdata/certificates/{serialNumber} (API 2.7.0: shorten validTo).
import {isValidNip, isValidPesel} from '../domain/index.js';
import {parseJsonBody, type Call} from './call.js';
import {KsefError} from './errors.js';
import type {EnvState, Identity} from './model.js';
import {identityKey} from './model.js';
import type {Reply} from './replies.js';

export function grant(env: EnvState, context: string, identity: Identity, permissions: string[]): void {
  const existing = env.grants.find((g) => g.context === context && identityKey(g.identity) === identityKey(identity));
  if (existing) existing.permissions = [...new Set([...existing.permissions, ...permissions])];
  else env.grants.push({context, identity, permissions: [...permissions]});
}

function body<T>(call: Call): T {
  try {
    return (parseJsonBody<T>(call) ?? {}) as T;
  } catch {
    throw new KsefError(21405, ['Treść żądania nie jest poprawnym JSON.']);
  }
}

export function postTestPerson(call: Call): Reply {
  const b = body<{nip?: string; pesel?: string; isBailiff?: boolean; description?: string; isDeceased?: boolean}>(call);
  const problems: string[] = [];
  if (!b.nip || !isValidNip(b.nip)) problems.push("Pole 'nip' musi zawierać poprawny NIP.");
  if (!b.pesel || !isValidPesel(b.pesel)) problems.push("Pole 'pesel' musi zawierać poprawny PESEL.");
  if (typeof b.isBailiff !== 'boolean') problems.push("Pole 'isBailiff' jest wymagane.");
  if (typeof b.description !== 'string' || b.description.length < 5 || b.description.length > 256) problems.push("Pole 'description' musi mieć 5–256 znaków.");
  if (problems.length) throw new KsefError(21405, problems);
  if (b.isDeceased !== undefined && typeof b.isDeceased !== 'boolean') throw new KsefError(21405, ["Pole 'isDeceased' musi być wartością logiczną."]);
  grant(call.envState, b.nip!, {type: 'Pesel', value: b.pesel!}, b.isBailiff ? ['Owner', 'EnforcementOperations'] : ['Owner']);
  const persons = (call.envState.persons ??= []).filter((p) => p.pesel !== b.pesel);
  persons.push({nip: b.nip!, pesel: b.pesel!, deceased: b.isDeceased === true});
  call.envState.persons = persons;
  call.core.save();
  return {status: 200};
}

// TestDataPermissionType of open-api.json 2.7.1 (CollectiveIdentifierManage since 2.7.0).
const PERMISSIONS = ['InvoiceRead', 'InvoiceWrite', 'Introspection', 'CredentialsRead', 'CredentialsManage', 'EnforcementOperations', 'SubunitManage', 'CollectiveIdentifierManage'];

export function postTestPermissions(call: Call): Reply {
  const b = body<{contextIdentifier?: {type?: string; value?: string}; authorizedIdentifier?: {type?: string; value?: string}; permissions?: Array<{permissionType?: string; description?: string}>}>(call);
  const problems: string[] = [];
  const ctx = b.contextIdentifier;
  if (!ctx || ctx.type !== 'Nip' || !ctx.value || !isValidNip(ctx.value)) problems.push("Pole 'contextIdentifier' musi wskazywać poprawny NIP.");
  const who = b.authorizedIdentifier;
  const whoOk = who && ((who.type === 'Nip' && isValidNip(who.value ?? '')) || (who.type === 'Pesel' && isValidPesel(who.value ?? '')) || (who.type === 'Fingerprint' && /^[0-9A-Fa-f]{64}$/.test(who.value ?? '')));
  if (!whoOk) problems.push("Pole 'authorizedIdentifier' musi zawierać poprawny NIP, PESEL lub odcisk SHA-256.");
  const perms = b.permissions;
  if (!Array.isArray(perms) || perms.some((p) => !PERMISSIONS.includes(p.permissionType ?? ''))) problems.push("Pole 'permissions' zawiera nieznany typ uprawnienia.");
  else if (perms.some((p) => typeof p.description !== 'string' || p.description.length < 5 || p.description.length > 256)) problems.push("Opis uprawnienia ('description') musi mieć 5–256 znaków.");
  if (problems.length) throw new KsefError(21405, problems);
  const identity = {type: who!.type as Identity['type'], value: who!.type === 'Fingerprint' ? who!.value!.toUpperCase() : who!.value!};
  grant(call.envState, ctx!.value!, identity, perms!.map((p) => p.permissionType!));
  call.core.save();
  return {status: 200};
}

/** POST /testdata/context/block and /unblock: authentications in a blocked context end with 480. */
export function postContextBlock(call: Call): Reply {
  const b = body<{contextIdentifier?: {type?: string; value?: string}}>(call);
  const ctx = b.contextIdentifier;
  const ok = ctx && ['Nip', 'InternalId', 'NipVatUe', 'PeppolId'].includes(ctx.type ?? '') && !!ctx.value && (ctx.type !== 'Nip' || isValidNip(ctx.value));
  if (!ok) throw new KsefError(21405, ["Pole 'contextIdentifier' musi wskazywać typ (Nip, InternalId, NipVatUe, PeppolId) i poprawną wartość."]);
  const key = `${ctx!.type}:${ctx!.value}`;
  const list = (call.envState.blockedContexts ?? []).filter((k) => k !== key);
  if (call.route.endsWith('/block')) list.push(key);
  call.envState.blockedContexts = list;
  call.core.save();
  return {status: 200};
}

/** True when `a` and `b` are the NIP and PESEL of one person linked by /testdata/person (either way round). */
export function linkedIdentities(env: EnvState, a: Identity, b: Identity): boolean {
  const pair = a.type === 'Nip' && b.type === 'Pesel' ? [a.value, b.value] : a.type === 'Pesel' && b.type === 'Nip' ? [b.value, a.value] : null;
  return !!pair && (env.persons ?? []).some((p) => p.nip === pair[0] && p.pesel === pair[1]);
}
