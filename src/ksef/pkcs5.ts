// ASN.1 schemas of PKCS#5 v2.1 (RFC 8018) password-based encryption, declared with @peculiar/asn1-schema
// (the @peculiar packages ship PKCS#8 but not PBES2/PBKDF2 parameters).
import {AsnConvert, AsnProp, AsnPropTypes, OctetString} from '@peculiar/asn1-schema';
import {AlgorithmIdentifier} from '@peculiar/asn1-x509';
import {EncryptedPrivateKeyInfo} from '@peculiar/asn1-pkcs8';

export const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSHA1: '1.2.840.113549.2.7',
  hmacWithSHA256: '1.2.840.113549.2.9',
  hmacWithSHA384: '1.2.840.113549.2.10',
  hmacWithSHA512: '1.2.840.113549.2.11',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  aes192Cbc: '2.16.840.1.101.3.4.1.22',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  desEde3Cbc: '1.2.840.113549.3.7',
} as const;

/** PBKDF2-params (salt only as `specified OCTET STRING`; `otherSource` is not used by any tool we meet). */
export class Pbkdf2Params {
  @AsnProp({type: OctetString})
  salt: OctetString = new OctetString();

  @AsnProp({type: AsnPropTypes.Integer})
  iterationCount = 0;

  @AsnProp({type: AsnPropTypes.Integer, optional: true})
  keyLength?: number;

  @AsnProp({type: AlgorithmIdentifier, optional: true})
  prf?: AlgorithmIdentifier;

  constructor(params: Partial<Pbkdf2Params> = {}) {
    Object.assign(this, params);
  }
}

/** PBES2-params. */
export class Pbes2Params {
  @AsnProp({type: AlgorithmIdentifier})
  keyDerivationFunc: AlgorithmIdentifier = new AlgorithmIdentifier();

  @AsnProp({type: AlgorithmIdentifier})
  encryptionScheme: AlgorithmIdentifier = new AlgorithmIdentifier();

  constructor(params: Partial<Pbes2Params> = {}) {
    Object.assign(this, params);
  }
}

export interface Pbes2Summary {
  cipherOid: string;
  prfOid: string;
  iterations: number;
  saltLength: number;
}

/** Reads the PBES2/PBKDF2 parameters of a DER EncryptedPrivateKeyInfo; undefined when it is not PBES2. */
export function describePbes2(der: Uint8Array): Pbes2Summary | undefined {
  const info = AsnConvert.parse(der, EncryptedPrivateKeyInfo);
  if (info.encryptionAlgorithm.algorithm !== OID.pbes2 || !info.encryptionAlgorithm.parameters) return undefined;
  const p = AsnConvert.parse(info.encryptionAlgorithm.parameters, Pbes2Params);
  if (p.keyDerivationFunc.algorithm !== OID.pbkdf2 || !p.keyDerivationFunc.parameters) return undefined;
  const k = AsnConvert.parse(p.keyDerivationFunc.parameters, Pbkdf2Params);
  return {
    cipherOid: p.encryptionScheme.algorithm,
    prfOid: k.prf?.algorithm ?? OID.hmacWithSHA1,
    iterations: k.iterationCount,
    saltLength: k.salt.byteLength,
  };
}
