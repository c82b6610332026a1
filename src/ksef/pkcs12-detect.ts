// Recognises a PKCS#12 (.p12/.pfx) file so it can be refused with a helpful hint instead of "corrupt".
import {AsnConvert} from '@peculiar/asn1-schema';
import {PFX} from '@peculiar/asn1-pfx';

const PKCS7_DATA = '1.2.840.113549.1.7.1';
const PKCS7_SIGNED = '1.2.840.113549.1.7.2';

export function isPkcs12(der: Uint8Array): boolean {
  if (der.length < 4 || der[0] !== 0x30) return false;
  try {
    const pfx = AsnConvert.parse(der, PFX);
    return pfx.version === 3 && [PKCS7_DATA, PKCS7_SIGNED].includes(pfx.authSafe.contentType);
  } catch {
    return false;
  }
}
