// English texts: blob files of the slim folder store. Typed against ../pl/store-blobs.ts.
import type {storeBlobs as pl} from '../pl/store-blobs.js';
import type {EnglishOf} from '../placeholders.js';

export const storeBlobs = {
  'storeBlob.corrupt': 'The certificate file {file} is damaged ({reason}). Restore the store folder from a backup.',
  'storeBlob.badName': 'invalid name',
  'storeBlob.badHash': 'its content does not match its checksum',
  'storeBlob.noKey': 'no keyPem field',
  'storeBlob.missing': 'The file {file} with the certificate and key of record {id} is missing. Restore the store folder from a backup.',
  'storeBlob.read': 'Cannot read the file {file}: {reason}',
} as const satisfies EnglishOf<typeof pl>;
