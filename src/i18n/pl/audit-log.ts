// Polish texts of the audit log [A-1-5-6]: the `audit --operator` filter, and the details of audit events, stored as
// a key + parameters (AuditEvent.message) and rendered in the reader's language. Each text equals the free text the
// event carried before, so old and new entries read alike.
export const auditLog = {
  // `ksef-certs audit --operator KOD`: only this operator's events (after the command; the login operator goes before it).
  'cli.audit.o.operator': 'tylko zdarzenia tego operatora (kod); operator logujący się — przed poleceniem albo KSEF_CERTS_OPERATOR',
  // The language of this catalogue (the `lang` of `audit --json`).
  'auditLog.lang': 'pl',
  'auditNote.qrSign': 'KOD I+II: {file}, NIP {nip}, P_1 {date}, {ctxType} {ctxValue}, {env}',
  'auditNote.qrBatch': 'KOD I+II wsadowo: {ok}/{total} faktur, błędów {failed}, katalog {dir}, {ctxType} {ctxValue}, {env}',
  'auditNote.ownPasswordWrong': 'zmiana własnego hasła: błędne obecne hasło',
  'auditNote.storeCopied': 'magazyn skopiowany do {target}',
  'auditNote.exported': 'folder {dir}',
  'auditNote.exportedCertOnly': 'folder {dir} (tylko .crt: klucz na tokenie {token})',
  'auditNote.alertSent': '{channel} {target}: zgłoszenia {n} ({ids})',
  'auditNote.alertFailed': '{channel} {target}: {error}; zgłoszenia {n} — ponowienie przy następnym sprawdzeniu',
  'auditNote.statusRefresh': 'środowisko {env}: sprawdzono {checked}, zmieniono {changed}, nieznalezione w KSeF {notFound}',
  'auditNote.switchOver': 'tryb Z: „{name}” zastąpił „{predecessor}” ({serial}) od {at}',
  'auditNote.switchOverFirst': 'tryb Z: „{name}” obowiązuje od {at}',
  'auditNote.abandoned': '„{name}”: {note}',
  'auditNote.revoke': 'przyczyna: {code} ({reason})',
  // Written by the store itself (login, operators, branch and workstation configuration).
  'auditNote.loginLocked': 'odmowa: konto czasowo zablokowane do {until} po {n} nieudanych próbach',
  'auditNote.lockedNow': '{n}. nieudana próba z rzędu — logowanie zablokowane do {until}',
  'auditNote.accountDisabled': 'konto zablokowane',
  'auditNote.operatorAdded': 'dodano operatora {code}',
  'auditNote.operatorAddedPassword': 'dodano operatora {code} (nowe hasło)',
  'auditNote.operatorChanged': 'zmieniono operatora {code}',
  'auditNote.operatorChangedPassword': 'zmieniono operatora {code} (nowe hasło)',
  'auditNote.branchConfig': 'konfiguracja oddziału {code}',
  'auditNote.workstationConfig': 'konfiguracja stanowiska {host}',
  'auditNote.workstationCommand': 'konfiguracja stanowiska {host}; polecenie e-podpisu: „{command}”',
  'auditNote.workstationNoCommand': 'konfiguracja stanowiska {host}; polecenie e-podpisu: (usunięte)',
} as const;
