import {describe, expect, it} from 'vitest';
import {
  isValidInternalId, isValidNip, isValidPesel, nipWithChecksum, normalizeNip, subjectIdentifierFromAttributes,
} from '../../src/domain/index.js';

describe('NIP', () => {
  it('accepts NIPs with a correct checksum, incl. the official sample and the demo company', () => {
    expect(isValidNip('5265877635')).toBe(true);
    expect(isValidNip('1111111111')).toBe(true);
    expect(isValidNip('526-587-76-35')).toBe(true);
    expect(isValidNip('PL5265877635')).toBe(true);
  });
  it('rejects a wrong checksum, wrong length, letters and the 00 pattern KSeF forbids', () => {
    expect(isValidNip('5265877636')).toBe(false);
    expect(isValidNip('526587763')).toBe(false);
    expect(isValidNip('52658776355')).toBe(false);
    expect(isValidNip('52658A7635')).toBe(false);
    expect(isValidNip('0265877635')).toBe(false);
    expect(isValidNip('')).toBe(false);
  });
  it('builds valid NIPs from a prefix and refuses prefixes whose checksum would be 10', () => {
    let made = 0;
    for (let i = 123400000; i < 123400200; i++) {
      const nip = nipWithChecksum(String(i));
      if (nip) {
        made++;
        expect(isValidNip(nip)).toBe(true);
      }
    }
    expect(made).toBeGreaterThan(150);
    expect(normalizeNip(' 111 111 11 11 ')).toBe('1111111111');
  });
});

describe('PESEL and InternalId', () => {
  it('checks the PESEL checksum and the encoded birth date', () => {
    expect(isValidPesel('44051401359')).toBe(true);
    expect(isValidPesel('02070803628')).toBe(true);
    expect(isValidPesel('44051401358')).toBe(false);
    expect(isValidPesel('4405140135')).toBe(false);
    expect(isValidPesel('44133101350')).toBe(false);
  });
  it('checks InternalId as NIP-5 digits', () => {
    expect(isValidInternalId('5265877635-00001')).toBe(true);
    expect(isValidInternalId('5265877636-00001')).toBe(false);
    expect(isValidInternalId('5265877635-0001')).toBe(false);
  });
});

describe('subject identifier from certificate attributes (KSeF patterns)', () => {
  it('reads seals, TINPL, NIP, PNOPL and PESEL forms', () => {
    expect(subjectIdentifierFromAttributes({organizationIdentifier: 'VATPL-5265877635'})).toEqual({type: 'Nip', value: '5265877635'});
    expect(subjectIdentifierFromAttributes({organizationIdentifier: 'VATPL-6381853612 NTRPL-0001040934'})).toEqual({type: 'Nip', value: '6381853612'});
    expect(subjectIdentifierFromAttributes({serialNumber: 'TINPL-5265877635'})).toEqual({type: 'Nip', value: '5265877635'});
    expect(subjectIdentifierFromAttributes({serialNumber: 'PNOPL-44051401359'})).toEqual({type: 'Pesel', value: '44051401359'});
    expect(subjectIdentifierFromAttributes({serialNumber: 'PESEL:44051401359'})).toEqual({type: 'Pesel', value: '44051401359'});
    expect(subjectIdentifierFromAttributes({serialNumber: 'ABC123'})).toBeUndefined();
  });
});
