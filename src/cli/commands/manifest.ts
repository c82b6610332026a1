// Names and one-line summaries of the commands, with the module each lives in, so `--help` and a single command load
// only what they need (a command module pulls in its own stack: KSeF client, XAdES, QR…). The summaries must equal the
// ones the modules register (test/cli/manifest.test.ts); ./index.ts still loads every module at once.
export interface CommandEntry {
  summary: string;
  load: () => Promise<unknown>;
}

export const COMMAND_MANIFEST: Record<string, CommandEntry> = {
  audit: {summary: 'dziennik zdarzeń [A-1-5-6]', load: () => import('./audit.js')},
  'auth-request': {summary: 'żądanie autoryzacyjne auth.xml do podpisania poza programem', load: () => import('./auth-request.js')},
  check: {summary: 'cli.cmd.check', load: () => import('./check.js')},
  config: {summary: 'konfiguracja oddziału i stanowiska [A-1-5-1/2]', load: () => import('./config.js')},
  'demo-reset': {summary: 'demo.reset.summary', load: () => import('./demo-reset.js')},
  export: {summary: 'eksport certyfikatu i klucza (.crt + .key) — F4', load: () => import('./export.js')},
  generate: {summary: 'generowanie nowego certyfikatu KSeF [A-1-5-4]', load: () => import('./generate.js')},
  import: {summary: 'cli.cmd.import', load: () => import('./import.js')},
  list: {summary: 'lista certyfikatów KSeF [A-1-5-7]', load: () => import('./list.js')},
  login: {summary: 'logowanie do KSeF certyfikatem typu A (sprawdzenie)', load: () => import('./login.js')},
  operator: {summary: 'PESEL operatora dla certyfikatów imiennych [A-1-5-5]', load: () => import('./operator.js')},
  qr: {summary: 'kody QR faktur offline: KOD I i KOD II (certyfikat typu O); --batch dla katalogu faktur', load: () => import('./qr.js')},
  resume: {summary: 'dokończenie wniosku o certyfikat w trakcie wydawania [A-1-5-4]', load: () => import('./resume.js')},
  revoke: {summary: 'unieważnienie certyfikatu w KSeF — F8', load: () => import('./revoke.js')},
  show: {summary: 'szczegóły certyfikatu KSeF', load: () => import('./show.js')},
  'sign-demo': {summary: 'podpis testowy auth.xml w trybie demonstracyjnym (tylko symulator)', load: () => import('./sign-demo.js')},
  simulator: {summary: 'cli.cmd.simulator', load: () => import('./simulator.js')},
  'simulator-identity': {summary: 'cli.cmd.simulatorIdentity', load: () => import('./simulator.js')},
  status: {summary: 'stan KSeF z usługi statusu (Latarnia): dostępny / prace serwisowe / awaria', load: () => import('./status.js')},
  store: {summary: 'cli.store.summary', load: () => import('./store.js')},
  tokens: {summary: 'tokeny PKCS#11 i certyfikaty na nich (do importu)', load: () => import('./tokens.js')},
  'verify-qr': {
    summary: 'sprawdzenie linku KOD I / KOD II: środowisko, skrót faktury, podpis, certyfikat typu O, NIP i kontekst',
    load: () => import('./verify-qr.js'),
  },
};
