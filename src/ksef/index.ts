// Public API of the KSeF crypto/file core (the HTTP client lives in ./client/).
export * from './environments.js';
export * from './errors.js';
export * from './cert-info.js';
export * from './keys.js';
export * from './csr.js';
export * from './auth-xml.js';
export * from './xades.js';
export * from './qr.js';
export {pemBlocks, toPem, type PemBlock} from './pem.js';
export {describePbes2, type Pbes2Summary} from './pkcs5.js';
export {isPkcs12} from './pkcs12-detect.js';
