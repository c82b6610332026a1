// Polish user-facing texts for KSeF errors: what happened (`text`) and what to do (`hint`).
// Codes: every exception code of contract/open-api.json (API 2.7.1) in 9101–9105, 21001–21470, 25001–25011
// (+ 26001/26002), auth-operation statuses, enrollment statuses, HTTP statuses and transport failures.

export interface PlMessage {
  /** Short description of what happened. */
  text: string;
  /** "Co zrobić" — what the user should do. */
  hint: string;
}

/** KSeF `exceptionCode` (legacy body) / `errors[].code` (problem details). */
export const EXCEPTION_MESSAGES: Readonly<Record<number, PlMessage>> = {
  9101: {text: 'Nieprawidłowy dokument.', hint: 'Sprawdź, czy wysyłany plik to podpisany dokument XML AuthTokenRequest, a nie inny plik.'},
  9102: {text: 'Brak podpisu w dokumencie.', hint: 'Podpisz plik auth.xml podpisem XAdES (otoczonym, enveloped) i wyślij podpisany plik.'},
  9103: {text: 'Przekroczona liczba dozwolonych podpisów.', hint: 'Dokument może mieć tylko jeden podpis — podpisz oryginalny, niepodpisany plik auth.xml.'},
  9104: {text: 'Niewystarczająca liczba wymaganych podpisów.', hint: 'Podpisz dokument wymaganym podpisem XAdES i wyślij go ponownie.'},
  9105: {
    text: 'Nieprawidłowy podpis.',
    hint: 'Sprawdź format podpisu: XAdES otoczony (enveloped) z SignedProperties (SigningTime, SigningCertificate), skróty SHA-256, dla kluczy EC podpis ECDSA w postaci R‖S, dla RSA rsa-sha256; plik po podpisaniu nie może być zmieniany.',
  },
  21001: {text: 'Nieczytelna treść żądania.', hint: 'Sprawdź, czy plik jest poprawnym XML w kodowaniu UTF-8 i nie został uszkodzony.'},
  21111: {
    text: 'Nieprawidłowe lub wygasłe wyzwanie autoryzacyjne (challenge jest ważny 10 minut).',
    hint: 'Rozpocznij logowanie od nowa, aby otrzymać nowy plik auth.xml, i podpisz go w ciągu 10 minut.',
  },
  21115: {text: 'Nieprawidłowy certyfikat.', hint: 'Użyj ważnego certyfikatu kwalifikowanego lub certyfikatu KSeF typu uwierzytelniającego (nie offline).'},
  21117: {
    text: 'Nieprawidłowy identyfikator podmiotu dla wskazanego typu kontekstu.',
    hint: 'Sprawdź NIP / identyfikator wewnętrzny kontekstu w auth.xml (poprawność i sumę kontrolną).',
  },
  21155: {text: 'Przekroczono dozwoloną liczbę faktur w sesji.', hint: 'Otwórz nową sesję i wyślij pozostałe faktury.'},
  21157: {text: 'Nieprawidłowy rozmiar części pakietu.', hint: 'Podziel pakiet na części zgodne z limitami KSeF.'},
  21161: {text: 'Przekroczono dozwoloną liczbę części pakietu.', hint: 'Zmniejsz liczbę części pakietu.'},
  21164: {text: 'Faktura o podanym identyfikatorze nie istnieje.', hint: 'Sprawdź numer KSeF faktury.'},
  21165: {text: 'Faktura o podanym numerze KSeF nie jest jeszcze dostępna.', hint: 'Spróbuj ponownie za chwilę.'},
  21166: {text: 'Korekta techniczna niedostępna.', hint: 'Ta faktura nie może zostać skorygowana technicznie.'},
  21167: {text: 'Status faktury nie pozwala na korektę techniczną.', hint: 'Sprawdź status faktury w KSeF.'},
  21173: {text: 'Brak sesji o wskazanym numerze referencyjnym.', hint: 'Sprawdź numer referencyjny sesji lub zaloguj się ponownie.'},
  21175: {text: 'Wynik zapytania o podanym identyfikatorze nie istnieje.', hint: 'Wyślij zapytanie ponownie.'},
  21178: {text: 'Nie znaleziono UPO dla podanych kryteriów.', hint: 'Sprawdź numer referencyjny sesji i faktury.'},
  21180: {text: 'Status sesji nie pozwala na wykonanie operacji.', hint: 'Sprawdź status sesji; w razie potrzeby otwórz nową.'},
  21181: {text: 'Nieprawidłowe żądanie eksportu faktur.', hint: 'Sprawdź parametry eksportu.'},
  21182: {text: 'Osiągnięto limit trwających eksportów.', hint: 'Poczekaj na zakończenie trwających eksportów.'},
  21183: {text: 'Zakres filtrowania wykracza poza dostępny zakres danych.', hint: 'Zawęź zakres dat.'},
  21205: {text: 'Pakiet nie może być pusty.', hint: 'Dodaj dokumenty do pakietu.'},
  21208: {text: 'Przekroczono czas oczekiwania na przesłanie lub zamknięcie pakietu.', hint: 'Rozpocznij wysyłkę od nowa.'},
  21217: {
    text: 'Nieprawidłowe kodowanie znaków.',
    hint: 'Zapisz plik w kodowaniu UTF-8 (bez zmiany treści po podpisaniu) i wyślij go ponownie.',
  },
  21301: {
    text: 'Brak autoryzacji (tokeny już pobrane, unieważnione lub stan uwierzytelnienia na to nie pozwala).',
    hint: 'Zaloguj się do KSeF ponownie.',
  },
  21304: {text: 'Brak uwierzytelnienia (nie znaleziono operacji uwierzytelnienia).', hint: 'Zaloguj się do KSeF ponownie.'},
  21308: {
    text: 'Próba wykorzystania metod autoryzacyjnych osoby zmarłej.',
    hint: 'Tym certyfikatem nie można się uwierzytelnić; użyj certyfikatu innej osoby uprawnionej.',
  },
  21401: {
    text: 'Dokument nie jest zgodny ze schematem XSD.',
    hint: 'Wygeneruj plik auth.xml ponownie w programie i podpisz go bez wprowadzania zmian w treści.',
  },
  21402: {text: 'Nieprawidłowy rozmiar pliku.', hint: 'Sprawdź rozmiar wysyłanego pliku.'},
  21403: {text: 'Nieprawidłowy skrót pliku.', hint: 'Plik został zmieniony po obliczeniu skrótu — wyślij go ponownie.'},
  21405: {text: 'Błąd walidacji danych wejściowych.', hint: 'Popraw dane wskazane w szczegółach błędu i spróbuj ponownie.'},
  21406: {
    text: 'Konflikt podpisu i typu uwierzytelnienia.',
    hint: 'Typ identyfikatora podmiotu w auth.xml (certificateSubject / certificateFingerprint) musi pasować do użytego certyfikatu.',
  },
  21418: {text: 'Przekazany token kontynuacji ma nieprawidłowy format.', hint: 'Pobierz listę od początku.'},
  21470: {
    text: 'Identyfikator klucza publicznego KSeF jest nieznany lub wycofany.',
    hint: 'Pobierz aktualne klucze publiczne KSeF i spróbuj ponownie.',
  },
  25001: {
    text: 'Brak możliwości pobrania danych do wniosku (CSR) dla użytego sposobu uwierzytelnienia.',
    hint: 'Zaloguj się podpisem XAdES (certyfikat kwalifikowany, Profil Zaufany lub certyfikat KSeF), nie tokenem KSeF.',
  },
  25002: {
    text: 'Brak możliwości złożenia wniosku certyfikacyjnego dla użytego sposobu uwierzytelnienia.',
    hint: 'Zaloguj się podpisem XAdES (nie tokenem KSeF) i złóż wniosek ponownie.',
  },
  25003: {
    text: 'Dane w CSR nie zgadzają się z danymi uwierzytelnienia.',
    hint: 'Wygeneruj wniosek ponownie z danych pobranych z KSeF, bez ich modyfikowania.',
  },
  25004: {text: 'Niepoprawny format CSR lub niepoprawny podpis CSR.', hint: 'Wygeneruj wniosek (CSR) ponownie w programie; wniosek nie może być zmieniany po podpisaniu.'},
  25005: {
    text: 'Wniosek certyfikacyjny o podanym numerze referencyjnym nie istnieje.',
    hint: 'Sprawdź numer referencyjny wniosku; status wniosku jest dostępny przez 30 dni.',
  },
  25006: {
    text: 'Osiągnięto limit wniosków certyfikacyjnych.',
    hint: 'Nowy wniosek będzie możliwy po zwolnieniu limitu (sprawdź limity w KSeF); nie ponawiaj wniosku wielokrotnie.',
  },
  25007: {
    text: 'Osiągnięto limit aktywnych certyfikatów.',
    hint: 'Unieważnij nieużywany certyfikat i złóż wniosek ponownie.',
  },
  25008: {text: 'Certyfikat o podanym numerze seryjnym nie istnieje.', hint: 'Odśwież listę certyfikatów z KSeF i sprawdź numer seryjny.'},
  25009: {
    text: 'Nie można unieważnić certyfikatu — jest już unieważniony, zablokowany lub nieważny.',
    hint: 'Odśwież listę certyfikatów z KSeF; nie trzeba nic więcej robić.',
  },
  25010: {text: 'Nieprawidłowy typ lub długość klucza.', hint: 'Użyj klucza EC P-256 (zalecane) albo RSA 2048.'},
  25011: {text: 'Nieprawidłowy algorytm podpisu CSR.', hint: 'Podpisz CSR algorytmem ECDSA SHA-256 albo RSA SHA-256.'},
  26001: {text: 'Nie można nadać tokenowi uprawnień, których nie posiadasz.', hint: 'Wybierz tylko posiadane uprawnienia.'},
  26002: {text: 'Nie można wygenerować tokena dla obecnego typu kontekstu.', hint: 'Zaloguj się w kontekście NIP lub identyfikatora wewnętrznego.'},
};

/** status.code of GET /auth/{referenceNumber} (failures only; 100 = in progress, 200 = success). */
export const AUTH_STATUS_MESSAGES: Readonly<Record<number, PlMessage>> = {
  415: {
    text: 'Uwierzytelnianie zakończone niepowodzeniem: brak przypisanych uprawnień w wybranym kontekście.',
    hint: 'Sprawdź NIP kontekstu albo poproś właściciela o nadanie uprawnień (np. ZAW-FA).',
  },
  425: {text: 'Uwierzytelnienie zostało unieważnione.', hint: 'Zaloguj się ponownie.'},
  450: {
    text: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędnego tokenu lub wyzwania.',
    hint: 'Rozpocznij logowanie od nowa (nowy plik auth.xml).',
  },
  460: {
    text: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędu certyfikatu (nieważny, odwołany, zawieszony lub niezaufany).',
    hint: 'Użyj ważnego certyfikatu z zaufanego wystawcy (kwalifikowanego lub certyfikatu KSeF).',
  },
  470: {
    text: 'Uwierzytelnianie zakończone niepowodzeniem: próba wykorzystania metod autoryzacyjnych osoby zmarłej.',
    hint: 'Użyj certyfikatu innej osoby uprawnionej.',
  },
  480: {
    text: 'Uwierzytelnienie zablokowane (podejrzenie incydentu bezpieczeństwa).',
    hint: 'Skontaktuj się z pomocą techniczną KSeF.',
  },
  500: {text: 'Nieznany błąd uwierzytelniania po stronie KSeF.', hint: 'Spróbuj zalogować się ponownie za chwilę.'},
  550: {text: 'Operacja uwierzytelnienia została anulowana przez system.', hint: 'Spróbuj zalogować się ponownie.'},
};

/** status.code of GET /certificates/enrollments/{referenceNumber} (failures only). */
export const ENROLLMENT_STATUS_MESSAGES: Readonly<Record<number, PlMessage>> = {
  400: {text: 'Wniosek certyfikacyjny został odrzucony.', hint: 'Sprawdź szczegóły odrzucenia i złóż nowy wniosek.'},
  500: {text: 'Nieznany błąd przetwarzania wniosku po stronie KSeF.', hint: 'Sprawdź limity i złóż wniosek ponownie.'},
  550: {text: 'Wniosek certyfikacyjny został anulowany przez system.', hint: 'Złóż wniosek ponownie.'},
};

/** Hints for the two known reasons of enrollment status 400 (matched on the details text). */
export const ENROLLMENT_REJECTION_HINTS: readonly {match: RegExp; hint: string}[] = [
  {match: /limit/i, hint: 'Osiągnięto limit aktywnych certyfikatów — unieważnij nieużywany certyfikat i złóż wniosek ponownie.'},
  {match: /klucz publiczny/i, hint: 'Ten klucz był już certyfikowany — wygeneruj nowy klucz (nowy CSR) i złóż wniosek ponownie.'},
];

/** HTTP statuses without a KSeF exception code. */
export const HTTP_STATUS_MESSAGES: Readonly<Record<number, PlMessage>> = {
  400: {text: 'KSeF odrzucił żądanie.', hint: 'Sprawdź szczegóły błędu.'},
  401: {text: 'Brak uwierzytelnienia lub token wygasł.', hint: 'Zaloguj się do KSeF ponownie.'},
  403: {text: 'Brak dostępu do tej operacji.', hint: 'Sprawdź uprawnienia w wybranym kontekście.'},
  404: {text: 'Nie znaleziono zasobu w KSeF.', hint: 'Sprawdź adres środowiska KSeF w konfiguracji.'},
  410: {
    text: 'Operacja wygasła i nie jest już dostępna (status logowania: 7 dni, status wniosku: 30 dni).',
    hint: 'Rozpocznij operację od nowa.',
  },
  413: {text: 'Żądanie jest zbyt duże.', hint: 'Sprawdź wysyłany plik.'},
  415: {text: 'Nieobsługiwany typ treści żądania.', hint: 'Plik musi być wysłany jako application/xml.'},
  429: {text: 'Przekroczono limit zapytań do KSeF.', hint: 'Odczekaj wskazany czas i spróbuj ponownie.'},
  500: {text: 'Błąd wewnętrzny serwera KSeF.', hint: 'Spróbuj ponownie za kilka minut; jeśli błąd się powtarza, sprawdź status KSeF.'},
  502: {text: 'KSeF jest chwilowo niedostępny (błąd bramy).', hint: 'Spróbuj ponownie za kilka minut.'},
  503: {text: 'KSeF jest chwilowo niedostępny (przerwa techniczna lub przeciążenie).', hint: 'Spróbuj ponownie za kilka minut; na środowisku testowym przerwa serwisowa trwa codziennie 16:00–18:00.'},
  504: {text: 'KSeF nie odpowiedział w wymaganym czasie (błąd bramy).', hint: 'Spróbuj ponownie za kilka minut.'},
};

/** 403 problem-details reasonCode. */
export const FORBIDDEN_REASON_MESSAGES: Readonly<Record<string, PlMessage>> = {
  'missing-permissions': {text: 'Brak wymaganych uprawnień w tym kontekście.', hint: 'Poproś właściciela o nadanie uprawnień lub zaloguj się w innym kontekście.'},
  'ip-not-allowed': {text: 'Żądanie z niedozwolonego adresu IP (polityka AllowedIps logowania).', hint: 'Zaloguj się ponownie z tego komputera lub zmień politykę adresów IP.'},
  'insufficient-resource-access': {text: 'Brak dostępu do wskazanego zasobu.', hint: 'Sprawdź, czy zasób należy do zalogowanego podmiotu.'},
  'auth-method-not-allowed': {
    text: 'Ta operacja nie jest dostępna dla użytego sposobu uwierzytelnienia.',
    hint: 'Zaloguj się podpisem XAdES (certyfikat kwalifikowany, Profil Zaufany lub certyfikat KSeF), nie tokenem KSeF.',
  },
  'security-service-blocked': {text: 'Dostęp zablokowany przez usługę bezpieczeństwa KSeF.', hint: 'Skontaktuj się z pomocą techniczną KSeF, podając identyfikator incydentu.'},
  'context-type-not-allowed': {text: 'Operacja niedostępna dla tego typu kontekstu.', hint: 'Zaloguj się w kontekście NIP.'},
};

export const TIMEOUT_MESSAGE: PlMessage = {
  text: 'KSeF nie odpowiedział w wyznaczonym czasie.',
  hint: 'Sprawdź połączenie z internetem i spróbuj ponownie; jeśli problem się powtarza, sprawdź status KSeF.',
};

export const NETWORK_MESSAGE: PlMessage = {
  text: 'Nie udało się połączyć z KSeF (połączenie odrzucone lub przerwane).',
  hint: 'Sprawdź połączenie z internetem i adres środowiska, a potem spróbuj ponownie.',
};

export const SESSION_EXPIRED_MESSAGE: PlMessage = {
  text: 'Sesja KSeF wygasła lub została unieważniona (nie udało się odświeżyć tokena dostępu).',
  hint: 'Zaloguj się do KSeF ponownie.',
};

export const UNKNOWN_CODE_HINT = 'Sprawdź szczegóły błędu; jeśli problem się powtarza, skontaktuj się z pomocą techniczną KSeF.';

/** "text Co zrobić: hint" */
export function formatPl(m: PlMessage): string {
  return `${m.text} Co zrobić: ${m.hint}`;
}

export function rateLimitedMessage(retryAfterSec: number | undefined): PlMessage {
  if (retryAfterSec === undefined) return HTTP_STATUS_MESSAGES[429];
  return {
    text: 'Przekroczono limit zapytań do KSeF.',
    hint: `Odczekaj ${formatWait(retryAfterSec)} i spróbuj ponownie.`,
  };
}

function formatWait(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const min = Math.floor(sec / 60);
  const s = sec % 60;
  return s ? `${min} min ${s} s` : `${min} min`;
}
