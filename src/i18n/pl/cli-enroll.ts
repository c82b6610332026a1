// Polish texts: argument refusals of `generate`, `resume` and `login` (printed with the command's usage line).
// Add the same key to ../en/cli-enroll.ts (typed against this file).
export const cliEnroll = {
  'cli.enroll.keyPasswordPrompt': 'Hasło kopii klucza (.key): ',
  'cli.enroll.needOwner': 'Podaj właściciela: --owner company, branch:KOD lub operator:KOD.',
  'cli.enroll.needEnv': 'Podaj środowisko: --env D, P lub T.',
  'cli.enroll.needType': 'Podaj typ: --type A (uwierzytelnianie) lub O (offline).',
  'cli.enroll.needRecord': 'Podaj identyfikator rekordu albo numer referencyjny wniosku (pokazuje je `ksef-certs list`).',
  'cli.enroll.needName': 'Podaj nazwę certyfikatu: --name NAZWA.',
  'cli.enroll.badMode': 'Tryb: --mode B (bieżący) lub Z (po wygaśnięciu bieżącego).',
  'cli.enroll.needAuth': 'Wskaż sposób autoryzacji: --signed PLIK (podpisany auth.xml) albo --auth-cert NR_SERYJNY.',
  'cli.enroll.abandonOnlyId': 'Podaj tylko identyfikator wniosku: ksef-certs resume ID --abandon',
  'cli.enroll.needCert': 'Podaj certyfikat: --cert NR_SERYJNY.',
} as const;
