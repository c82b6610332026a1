// ECDSA signature encodings for checks with independent tools: KSeF wants R‖S (IEEE P1363), openssl reads DER.
import {AsnConvert} from '@peculiar/asn1-schema';
import {ECDSASigValue} from '@peculiar/asn1-ecc';

/** R‖S (IEEE P1363) → DER ECDSA-Sig-Value, with the ASN.1 schema of @peculiar/asn1-ecc. */
export function p1363ToDer(sig: Buffer): Buffer {
  // INTEGER content: minimal big-endian bytes, 0x00 prefix when the high bit is set (positive number).
  const int = (b: Buffer): ArrayBuffer => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    return new Uint8Array(v[0] & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v).buffer;
  };
  const half = sig.length / 2;
  return Buffer.from(AsnConvert.serialize(new ECDSASigValue({r: int(sig.subarray(0, half)), s: int(sig.subarray(half))})));
}
