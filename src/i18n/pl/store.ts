// Polish texts: store warnings and errors. Add the same key to ../en/store.ts (typed against this file).
export const store = {
  'store.permissionsFixed': 'Uwaga: {path} był dostępny dla innych użytkowników (prawa {was}) — zmieniono na {now}. Sprawdź, kto mógł odczytać klucze.',
  'store.permissionsNotFixed': 'Uwaga: {path} jest dostępny dla innych użytkowników (prawa {was}), a program nie może tego zmienić — ustaw {now} (chmod {now} {path}).',
} as const satisfies Record<string, string>;
