// English texts of the audit log: the `audit --operator` filter and event details. Typed against ../pl/audit-log.ts:
// every Polish key needs an English text.
import type {auditLog as pl} from '../pl/audit-log.js';
import type {EnglishOf} from '../placeholders.js';

export const auditLog = {
  'cli.audit.o.operator': 'only events of this operator (code); the operator logging in goes before the command or in KSEF_CERTS_OPERATOR',
  'auditLog.lang': 'en',
  'auditNote.qrSign': 'CODE I+II: {file}, NIP {nip}, P_1 {date}, {ctxType} {ctxValue}, {env}',
  'auditNote.qrBatch': 'CODE I+II batch: {ok}/{total} invoices, {failed} failed, folder {dir}, {ctxType} {ctxValue}, {env}',
  'auditNote.ownPasswordWrong': 'own password change: wrong current password',
  'auditNote.storeCopied': 'store copied to {target}',
  'auditNote.exported': 'folder {dir}',
  'auditNote.exportedCertOnly': 'folder {dir} (.crt only: the key is on token {token})',
  'auditNote.alertSent': '{channel} {target}: {n} findings ({ids})',
  'auditNote.alertFailed': '{channel} {target}: {error}; {n} findings — retried at the next check',
  'auditNote.statusRefresh': 'environment {env}: {checked} checked, {changed} changed, {notFound} not found in KSeF',
  'auditNote.switchOver': 'mode Z: “{name}” replaced “{predecessor}” ({serial}) from {at}',
  'auditNote.switchOverFirst': 'mode Z: “{name}” in force from {at}',
  'auditNote.abandoned': '“{name}”: {note}',
  'auditNote.revoke': 'reason: {code} ({reason})',
  'auditNote.loginLocked': 'refused: account locked until {until} after {n} failed attempts',
  'auditNote.lockedNow': 'failed attempt {n} in a row — login locked until {until}',
  'auditNote.accountDisabled': 'account disabled',
  'auditNote.operatorAdded': 'operator {code} added',
  'auditNote.operatorAddedPassword': 'operator {code} added (new password)',
  'auditNote.operatorChanged': 'operator {code} changed',
  'auditNote.operatorChangedPassword': 'operator {code} changed (new password)',
  'auditNote.branchConfig': 'configuration of branch {code}',
  'auditNote.workstationConfig': 'configuration of workstation {host}',
  'auditNote.workstationCommand': 'configuration of workstation {host}; e-signature command: “{command}”',
  'auditNote.workstationNoCommand': 'configuration of workstation {host}; e-signature command: (removed)',
} as const satisfies EnglishOf<typeof pl>;
