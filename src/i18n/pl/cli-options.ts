// Polish texts: the CLI's option tables — usage errors of the parser, placeholders, per-option help, synopses.
// Add the same key to ../en/cli-options.ts (typed against this file).
export const cliOptions = {
  'cli.usageLabel': 'Użycie:',
  'cli.helpHint': 'Pomoc: ksef-certs {command} --help',
  'cli.unexpectedArgument': 'Nieoczekiwany argument: {value}',
  'cli.noValue': 'Opcja {name} nie przyjmuje wartości.',
  'cli.repeatedOption': 'Opcja {name} podana dwa razy.',

  'cli.ph.file': 'PLIK',
  'cli.ph.dir': 'KATALOG',
  'cli.ph.code': 'KOD',
  'cli.ph.serial': 'NR_SERYJNY',
  'cli.ph.name': 'NAZWA',
  'cli.ph.text': 'TEKST',
  'cli.ph.label': 'ETYKIETA',
  'cli.ph.action': 'RODZAJ',
  'cli.ph.date': 'RRRR-MM-DD',
  'cli.ph.owner': 'company|branch:KOD|operator:KOD',

  // Options shared by several commands
  'cli.o.json': 'wynik jako dokument JSON (błąd też: {"error": …})',
  'cli.o.envFilter': 'tylko środowisko: D demo, P produkcja, T test',
  'cli.o.env': 'środowisko KSeF: D demo, P produkcja, T test',
  'cli.o.typeFilter': 'tylko typ: A uwierzytelnianie, O offline',
  'cli.o.type': 'typ certyfikatu: A uwierzytelnianie, O offline',
  'cli.o.owner': 'właściciel: firma, oddział KOD albo operator KOD',
  'cli.o.pinFile': 'plik z PIN-em tokenu (pierwszy wiersz); inaczej KSEF_CERTS_PKCS11_PIN lub pytanie',
  'cli.o.pkcs11Token': 'etykieta tokenu PKCS#11 (moduł: KSEF_CERTS_PKCS11_MODULE)',
  'cli.o.passwordFile': 'plik z hasłem (pierwszy wiersz); hasło nigdy w wierszu poleceń',
  'cli.o.keyPasswordFile': 'plik z hasłem kopii klucza .key (pierwszy wiersz); inaczej KSEF_CERTS_PASSWORD lub pytanie',
  'cli.o.signed': 'auth.xml podpisany poza programem (XAdES) dla wyzwania z auth-request',
  'cli.o.authCert': 'autoryzacja zapisanym certyfikatem typu A o tym numerze seryjnym',
  'cli.o.cert': 'certyfikat (numer seryjny)',

  'cli.audit.synopsis': 'ksef-certs audit [--json] [--action RODZAJ] [--serial TEKST] [--limit N]',
  'cli.audit.o.action': 'tylko zdarzenia tego rodzaju (kod, np. export, ksefLogin, qrSign)',
  'cli.audit.o.serial': 'tylko zdarzenia zawierające ten tekst (numer seryjny, szczegóły, stanowisko, operator)',
  'cli.audit.o.limit': 'najwyżej N najnowszych zdarzeń',
  'cli.show.synopsis': 'ksef-certs show NR_SERYJNY [--json]',
  'cli.list.synopsis': 'ksef-certs list [--json] [--env D|P|T] [--type A|O] [--status aktywny|oczekujący|wygasły|unieważniony|pending|failed]',
  'cli.list.o.status': 'tylko status: active/aktywny, waiting/oczekujący, expired/wygasły, revoked/unieważniony, pending, failed',
  'cli.config.synopsis':
    'ksef-certs config show [--json]\n' +
    'ksef-certs config set-workstation [--sign-folder DIR] [--sign-command TEXT] [--export-folder DIR] [--language pl|en]\n' +
    'ksef-certs config set-branch KOD [--env D|P|T] [--auth E|Z|C] [--context N | --context W:NIP-NNNNN] [--api-url URL|-]',
  'cli.config.o.signFolder': 'folder na auth.xml i podpisane pliki [A-1-5-2]',
  'cli.config.o.signCommand': "polecenie otwierające e-podpis ({file} / {dir}); '' usuwa polecenie",
  'cli.config.o.exportFolder': 'folder eksportu (.crt/.key)',
  'cli.config.o.language': 'język stanowiska: pl albo en',
  'cli.config.o.auth': 'sposób autoryzacji: E e-podpis, Z Profil Zaufany, C certyfikat KSeF',
  'cli.config.o.context': 'kontekst: N (NIP firmy) albo W:NIP-NNNNN (InternalId)',
  'cli.config.o.apiUrl': 'adres API KSeF oddziału; - przywraca domyślny',
  'cli.config.note': 'Podpolecenia: show, set-workstation, set-branch KOD. Pomoc podpolecenia: ksef-certs config set-branch --help',
  'cli.operator.synopsis': 'ksef-certs operator set-pesel KOD (PESEL | --clear) [--json]',
  'cli.operator.o.clear': 'usuwa PESEL operatora',
  'cli.store.synopsis': 'ksef-certs store copy --to postgresql://…|KATALOG [--json]',
  'cli.store.o.to': 'dokąd skopiować magazyn: adres PostgreSQL albo pusty katalog',
  'cli.status.synopsis': 'ksef-certs status [--env D|P|T] [--json]',
  'cli.tokens.synopsis': 'ksef-certs tokens [--pkcs11-token ETYKIETA [--pin-file PLIK]] [--json]   (moduł: KSEF_CERTS_PKCS11_MODULE)',
  'cli.tokens.o.token': 'pokaż certyfikaty na tokenie o tej etykiecie (bez niej: lista tokenów)',
  'cli.export.synopsis': 'ksef-certs export NR_SERYJNY --dir FOLDER [--password-file PLIK] [--overwrite] [--json]',
  'cli.export.o.dir': 'folder docelowy (.crt + .key)',
  'cli.export.o.overwrite': 'nadpisz istniejące pliki',
  'cli.export.note': 'Hasło do klucza (min. 12 znaków: wielka i mała litera, cyfra, znak specjalny): --password-file (pierwszy wiersz),\nzmienna KSEF_CERTS_EXPORT_PASSWORD lub pytanie w terminalu.',
  'cli.revoke.synopsis': 'ksef-certs revoke NR_SERYJNY --reason Unspecified|Superseded|KeyCompromise [--yes] [--json]',
  'cli.revoke.o.reason': 'przyczyna: Unspecified, Superseded, KeyCompromise',
  'cli.revoke.o.yes': 'bez pytania T/N (operacja nieodwracalna)',
  'cli.import.synopsis':
    'ksef-certs import --crt PLIK --key PLIK [--password-file PLIK] --owner company|branch:KOD|operator:KOD\n' +
    '                  [--env D|P|T] [--force-env] [--type A|O] [--name NAZWA] [--force-expired] [--json]\n' +
    'ksef-certs import --pkcs11-token ETYKIETA (--crt PLIK | --token-cert ID) [--pin-file PLIK] --owner … [te same opcje]',
  'cli.import.o.crt': 'plik certyfikatu (PEM lub DER)',
  'cli.import.o.key': 'plik klucza prywatnego (PKCS#8, PKCS#1, SEC1; zaszyfrowany lub nie)',
  'cli.import.o.password': 'plik z hasłem klucza (pierwszy wiersz); inaczej KSEF_CERTS_PASSWORD lub pytanie',
  'cli.import.o.env': 'środowisko (odczytywane z wystawcy; sprzeczne wymaga --force-env)',
  'cli.import.o.forceEnv': 'przyjmij --env sprzeczne z wystawcą certyfikatu',
  'cli.import.o.type': 'typ (odczytywany z certyfikatu): A albo O',
  'cli.import.o.name': 'nazwa certyfikatu w bazie',
  'cli.import.o.forceExpired': 'zaimportuj mimo wygaśnięcia',
  'cli.import.o.tokenCert': 'CKA_ID certyfikatu na tokenie (ksef-certs tokens --pkcs11-token ETYKIETA)',
  'cli.import.note': 'Klucz już na tokenie (moduł: KSEF_CERTS_PKCS11_MODULE): odszukany po kluczu publicznym certyfikatu.\nŚrodowisko i typ są odczytywane z certyfikatu; --env sprzeczne z wystawcą wymaga --force-env.',
  'cli.qr.synopsis':
    'ksef-certs qr --invoice PLIK.xml [--seller-nip NIP] [--context Nip:NIP|InternalId:ID] [--issue-date RRRR-MM-DD]\n' +
    '              [--cert NUMER] [--env D|P|T] [--png KATALOG] [--svg KATALOG] [--pin-file PLIK] [--json]\n' +
    'ksef-certs qr --batch KATALOG --out KATALOG [--workers N] [te same opcje]',
  'cli.qr.o.invoice': 'faktura FA(3) w XML',
  'cli.qr.o.batch': 'katalog faktur (.xml), przetwarzany na wszystkich rdzeniach',
  'cli.qr.o.out': 'katalog wyników przy --batch',
  'cli.qr.o.sellerNip': 'NIP sprzedawcy (domyślnie z faktury)',
  'cli.qr.o.context': 'kontekst KOD II: Nip:NIP albo InternalId:ID',
  'cli.qr.o.issueDate': 'data wystawienia (domyślnie z faktury)',
  'cli.qr.o.cert': 'certyfikat typu O (numer seryjny; domyślnie jedyny pasujący)',
  'cli.qr.o.png': 'zapisz kody jako PNG w tym katalogu',
  'cli.qr.o.svg': 'zapisz kody jako SVG w tym katalogu',
  'cli.qr.o.workers': 'liczba wątków przy --batch',
  'cli.verifyQr.synopsis': 'ksef-certs verify-qr LINK [--invoice PLIK.xml] [--cert PLIK.crt] [--json]',
  'cli.verifyQr.o.invoice': 'faktura XML: sprawdza skrót w KOD I / KOD II',
  'cli.verifyQr.o.cert': 'certyfikat typu O (.crt): sprawdza podpis KOD II',
  'cli.authRequest.synopsis': 'ksef-certs auth-request --env D|P|T --nip NIP --out auth.xml [--api URL] [--json]',
  'cli.authRequest.o.nip': 'NIP kontekstu',
  'cli.authRequest.o.out': 'plik wyjściowy (niepodpisany auth.xml)',
  'cli.signDemo.synopsis': 'ksef-certs sign-demo PLIK_auth.xml [--json]   (tylko tryb demonstracyjny; podpis testowy)',
  'cli.generate.o.name': 'nazwa certyfikatu (5–100 znaków)',
  'cli.generate.o.validFrom': 'początek ważności (domyślnie dziś)',
  'cli.generate.o.mode': 'tryb: B bieżący, Z po wygaśnięciu bieżącego',
  'cli.generate.o.pkcs11Token': 'klucz na tokenie PKCS#11 o tej etykiecie zamiast w bazie',
  'cli.resume.o.abandon': 'KSeF nie ma certyfikatu z tego wniosku: oznacz go jako niewysłany',
  'cli.resume.o.keyPasswordFile': 'plik z hasłem kopii .crt/.key w folderze eksportu (bez niego: bez kopii)',
  'cli.generate.synopsis':
    'ksef-certs generate --owner company|branch:KOD|operator:KOD --env D|P|T --type A|O --name NAZWA\n' +
    '                    [--valid-from RRRR-MM-DD] [--mode B|Z] (--key-password-file PLIK | --pkcs11-token ETYKIETA [--pin-file PLIK])\n' +
    '                    (--signed PODPISANY_auth.xml | --auth-cert NR_SERYJNY) [--api URL] [--json]',
  'cli.resume.synopsis':
    'ksef-certs resume ID_LUB_NR_REFERENCYJNY (--signed PODPISANY_auth.xml | --auth-cert NR_SERYJNY)\n' +
    '                  [--key-password-file PLIK] [--api URL] [--json]\n' +
    'ksef-certs resume ID --abandon [--json]',
  'cli.login.synopsis': 'ksef-certs login --cert NR_SERYJNY [--pin-file PLIK] [--api URL] [--json]',
} as const satisfies Record<string, string>;
