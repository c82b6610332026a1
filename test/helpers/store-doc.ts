// Reads a folder store's files directly (not through the store code): store.json with each record's blob file
// (certs/<name>.json) merged back, as the whole records were before the slim layout.
import fs from 'node:fs';
import path from 'node:path';
import type {CertificateRecord} from '../../src/domain/index.js';

export function readStoreDoc(dataDir: string): {certificates: CertificateRecord[]} & Record<string, unknown> {
  const doc = JSON.parse(fs.readFileSync(path.join(dataDir, 'store.json'), 'utf8'));
  doc.certificates = doc.certificates.map(({blob, hasCert: _has, ...c}: {blob?: string; hasCert?: boolean}) =>
    blob ? {...c, ...JSON.parse(fs.readFileSync(path.join(dataDir, 'certs', `${blob}.json`), 'utf8'))} : {keyPem: '', ...c});
  return doc;
}
