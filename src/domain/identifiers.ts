// Polish tax identifiers: checksums as published by the Ministry of Finance / PESEL register.

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];
const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

/** Strips separators users commonly type (spaces, dashes, "PL" prefix). */
export const normalizeNip = (text: string): string => text.replace(/^PL/i, '').replace(/[\s-]/g, '');

export function isValidNip(text: string): boolean {
  const nip = normalizeNip(text);
  if (!/^\d{10}$/.test(nip)) return false;
  // KSeF TNIP pattern: first digit 1-9 and the second/third pair not "00".
  if (!/^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/.test(nip)) return false;
  const sum = NIP_WEIGHTS.reduce((acc, w, i) => acc + w * Number(nip[i]), 0);
  const check = sum % 11;
  return check !== 10 && check === Number(nip[9]);
}

export function isValidPesel(text: string): boolean {
  if (!/^\d{11}$/.test(text)) return false;
  const sum = PESEL_WEIGHTS.reduce((acc, w, i) => acc + w * Number(text[i]), 0);
  const check = (10 - (sum % 10)) % 10;
  if (check !== Number(text[10])) return false;
  const month = Number(text.slice(2, 4)) % 20;
  const day = Number(text.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** InternalId: NIP-5 digits (TIID), NIP part checksummed. */
export function isValidInternalId(text: string): boolean {
  const m = /^(\d{10})-(\d{5})$/.exec(text);
  return !!m && isValidNip(m[1]);
}

/** Makes a valid NIP from a 9-digit prefix (used by tests and the simulator's identity helper). */
export function nipWithChecksum(prefix9: string): string | undefined {
  if (!/^\d{9}$/.test(prefix9)) return undefined;
  const check = NIP_WEIGHTS.reduce((acc, w, i) => acc + w * Number(prefix9[i]), 0) % 11;
  if (check === 10) return undefined;
  const nip = prefix9 + String(check);
  return isValidNip(nip) ? nip : undefined;
}

export type SubjectIdentifier = {type: 'Nip'; value: string} | {type: 'Pesel'; value: string} | {type: 'Fingerprint'; value: string};

/**
 * Reads NIP/PESEL from certificate subject attributes the way KSeF does:
 * serialNumber `(PNOPL|PESEL).*?(\d{11})` / `(TINPL|NIP).*?(\d{10})`, organizationIdentifier `(VATPL).*?(\d{10})`.
 */
export function subjectIdentifierFromAttributes(attrs: {serialNumber?: string; organizationIdentifier?: string}): SubjectIdentifier | undefined {
  const org = attrs.organizationIdentifier && /(VATPL).*?(\d{10})/.exec(attrs.organizationIdentifier);
  if (org) return {type: 'Nip', value: org[2]};
  const sn = attrs.serialNumber ?? '';
  const pesel = /(PNOPL|PESEL).*?(\d{11})/.exec(sn);
  if (pesel) return {type: 'Pesel', value: pesel[2]};
  const nip = /(TINPL|NIP).*?(\d{10})/.exec(sn);
  if (nip) return {type: 'Nip', value: nip[2]};
  return undefined;
}
