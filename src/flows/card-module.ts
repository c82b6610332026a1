// The workstation's PKCS#11 module and token: light, so the QR and generate screens can show it without loading
// the token and XAdES modules (card-sign.ts).
import type {WorkstationConfig} from '../domain/index.js';

/** The workstation's module (KSEF_CERTS_PKCS11_MODULE wins) and token label; undefined when none is configured. */
export function cardModule(ws: Pick<WorkstationConfig, 'pkcs11Module' | 'pkcs11Token'>, env: NodeJS.ProcessEnv = process.env): {module: string; label?: string} | undefined {
  const module = env.KSEF_CERTS_PKCS11_MODULE || ws.pkcs11Module;
  return module ? {module, label: ws.pkcs11Token} : undefined;
}
