// Polish texts: blob files of the slim folder store (certs/, src/store/blobs.ts). Add the same key to ../en/store-blobs.ts.
export const storeBlobs = {
  'storeBlob.corrupt': 'Plik certyfikatu {file} jest uszkodzony ({reason}). Przywróć folder magazynu z kopii zapasowej.',
  'storeBlob.badName': 'nieprawidłowa nazwa',
  'storeBlob.badHash': 'treść nie zgadza się z sumą kontrolną',
  'storeBlob.noKey': 'brak pola keyPem',
  'storeBlob.missing': 'Brak pliku {file} z certyfikatem i kluczem rekordu {id}. Przywróć folder magazynu z kopii zapasowej.',
  'storeBlob.read': 'Nie można odczytać pliku {file}: {reason}',
} as const satisfies Record<string, string>;
