// Finding the certificate of a pending request whose reference number never reached us (lost reply, crash between
// the POST and the store write): every page of POST /certificates/query for the request's type, then the candidates
// requested since shortly before our request are retrieved (≤ 10 per call) and matched by public key.
import {X509Certificate} from 'node:crypto';
import type {CertificateRecord} from '../domain/index.js';
import type {CertificateListItem, KsefClient} from '../ksef/client/index.js';

/** Clock skew allowed between our requestedAt and KSeF's requestDate. */
const SKEW_MS = 15 * 60_000;
const PAGE_SIZE = 50;
const RETRIEVE_BATCH = 10;

export interface KeySearchResult {
  /** Certificates KSeF listed for the identity (all pages). */
  checked: number;
  found?: {serial: string; der: Buffer};
}

export async function findIssuedForKey(
  client: KsefClient, accessToken: () => Promise<string>, rec: CertificateRecord, spkiB64: string,
  o: {knownSerials: ReadonlySet<string>; signal?: AbortSignal},
): Promise<KeySearchResult> {
  const listed: CertificateListItem[] = [];
  for (let page = 0; ; page++) {
    const res = await client.queryCertificates(await accessToken(), {type: rec.enrollment?.ksefType}, {pageSize: PAGE_SIZE, pageOffset: page}, {signal: o.signal});
    listed.push(...res.certificates);
    if (!res.hasMore || res.certificates.length === 0) break;
  }
  const since = Date.parse(rec.enrollment?.requestedAt ?? rec.createdAt) - SKEW_MS;
  const candidates = listed
    .filter((c) => !o.knownSerials.has(c.certificateSerialNumber.toUpperCase()))
    .filter((c) => !c.requestDate || Date.parse(c.requestDate) >= since)
    .sort((a, b) => Number(b.name === rec.name) - Number(a.name === rec.name));
  const want = Buffer.from(spkiB64, 'base64');
  for (let i = 0; i < candidates.length; i += RETRIEVE_BATCH) {
    const serials = candidates.slice(i, i + RETRIEVE_BATCH).map((c) => c.certificateSerialNumber);
    const {certificates} = await client.retrieveCertificates(await accessToken(), serials, {signal: o.signal});
    for (const c of certificates) {
      const der = Buffer.from(c.certificate, 'base64');
      const spki = new X509Certificate(der).publicKey.export({type: 'spki', format: 'der'});
      if (spki.equals(want)) return {checked: listed.length, found: {serial: c.certificateSerialNumber, der}};
    }
  }
  return {checked: listed.length};
}
