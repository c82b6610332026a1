// Distinguished names as strings in RFC 4514 order (most specific RDN first: `CN=…,O=…,C=PL`), the form the
// official C# client writes into XAdES X509IssuerName (.NET X500DistinguishedName). Escaping is @peculiar/x509's.
import * as x509 from './x509.js';
import {AsnConvert} from '@peculiar/asn1-schema';
import {Name as AsnName} from '@peculiar/asn1-x509';

/** RFC 4514 string of a DER-encoded Name (RDNs reversed, joined with ','). */
export function rfc4514(name: x509.Name): string {
  const reversed = new AsnName(Array.from(AsnConvert.parse(name.toArrayBuffer(), AsnName)).reverse());
  // Name.toString() joins RDNs with ", " and escapes every ',' inside a value, so an unescaped ", " is a separator.
  return new x509.Name(reversed).toString().replace(/((?:^|[^\\])(?:\\\\)*), /g, '$1,');
}

/** X509IssuerName of a DER certificate in RFC 4514 order. */
export const issuerRfc4514 = (certDer: Buffer): string => rfc4514(new x509.X509Certificate(new Uint8Array(certDer)).issuerName);
