// Polish texts: errors of the lower layers (file system, local crypto and files, store), rendered at the edge.
// Add the same key to ../en/errors.ts (typed against this file).
export const errors = {
  'err.io.ENOENT': 'Nie znaleziono pliku lub katalogu.',
  'err.io.EACCES': 'Brak uprawnień do pliku lub katalogu.',
  'err.io.EPERM': 'Operacja niedozwolona przez system plików.',
  'err.io.EROFS': 'Katalog jest tylko do odczytu.',
  'err.io.ENOSPC': 'Brak miejsca na dysku.',
  'err.io.EISDIR': 'Wskazano katalog zamiast pliku.',
  'err.io.ENOTDIR': 'Ścieżka nie jest katalogiem.',
  'err.io.EFBIG': 'Plik jest zbyt duży.',
  'err.io.withPath': '{text} ({path})',
  'err.verbatim': '{text}',
  'err.list': '{head}, {next}',
  'err.aborted': 'Operację przerwano.',
  'err.unexpected': 'Nieoczekiwany błąd: {detail}',
} as const satisfies Record<string, string>;
