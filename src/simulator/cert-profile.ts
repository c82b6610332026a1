// The profile of a KSeF-issued certificate as observed on a real TEST certificate (NOTES §2.9, serial
// 01F20A5D352AE590): CRL distribution point, qcStatements with QcType eseal (ETSI EN 319 412-5, 0.4.0.1862.1.6.2),
// ECDSA P-384 issuing CA signing with SHA-512, an 8-byte serial whose first byte is 0x01–0x03, and the subject in
// the reverse of the CSR's (C# client) order — C first, CN last — with the enrollment data's values unchanged.
import * as x509 from '@peculiar/x509';
import {webcrypto} from 'node:crypto';
import {AsnArray, AsnConvert, AsnPropTypes, AsnType, AsnTypeTypes} from '@peculiar/asn1-schema';
import {id_pe_qcStatements, QCStatement, QCStatements} from '@peculiar/asn1-x509-qualified';
import type {SimEnv} from './model.js';

/** ETSI QcType statement and the e-seal type. */
export const OID_QC_TYPE = '0.4.0.1862.1.6';
export const OID_QC_TYPE_ESEAL = '0.4.0.1862.1.6.2';

/** QcType-statement ::= SEQUENCE OF OBJECT IDENTIFIER (ETSI EN 319 412-5). */
@AsnType({type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.ObjectIdentifier})
class QcTypes extends AsnArray<string> {}

/** Where the simulator says its CRL is (a reserved .invalid host: it is never fetched; the real TEST one is on puesc.gov.pl). */
export const CRL_URL: Record<SimEnv, string> = {
  TEST: 'http://crl.ksef-symulator.invalid/pki/crl/test.crl',
  DEMO: 'http://crl.ksef-symulator.invalid/pki/crl/demo.crl',
  PROD: 'http://crl.ksef-symulator.invalid/pki/crl/prod.crl',
};

export function ksefProfileExtensions(env: SimEnv): x509.Extension[] {
  const qcType = new QCStatement();
  qcType.statementId = OID_QC_TYPE;
  qcType.statementInfo = AsnConvert.serialize(new QcTypes([OID_QC_TYPE_ESEAL]));
  return [
    new x509.CRLDistributionPointsExtension([CRL_URL[env]]),
    new x509.Extension(id_pe_qcStatements, false, AsnConvert.serialize(new QCStatements([qcType]))),
  ];
}

/** 8 random bytes, the first 0x01–0x03 as on real KSeF certificates (so the hex serial is 16 digits starting 01–03). */
export function ksefSerialHex(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(8));
  b[0] = 1 + (b[0] % 3);
  return Buffer.from(b).toString('hex').toUpperCase();
}
