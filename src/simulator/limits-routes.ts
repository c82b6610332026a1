// GET /rate-limits (effective limits) and PUT /testdata/certificates/{serialNumber} (TEST data, API 2.7.0).
import {bearer, parseJsonBody, type Call} from './call.js';
import {KsefError} from './errors.js';
import {identityKey} from './model.js';
import {limitsFromContract} from './rate-limit.js';
import type {Reply} from './replies.js';

/**
 * EffectiveApiRateLimits: the groups of open-api.json 2.7.1 (values of its example, which equal limity-api.md), plus
 * `anonymous` and `global` that API 2.8 adds (known only from a third-party copy of the 2.8.1 contract; -1 = none).
 */
export function getRateLimits(call: Call): Reply {
  bearer(call, ['AccessToken']);
  const v = (perSecond: number, perMinute: number, perHour: number) => ({perSecond, perMinute, perHour});
  const challenge = limitsFromContract().get('POST /auth/challenge');
  return {
    status: 200,
    json: {
      onlineSession: v(10, 30, 120),
      onlineSessionClose: v(20, 60, 240),
      batchSession: v(10, 20, 60),
      batchSessionClose: v(20, 40, 120),
      invoiceSend: v(10, 30, 180),
      invoiceStatus: v(30, 120, 1200),
      sessionList: v(5, 10, 60),
      sessionInvoiceList: v(10, 20, 200),
      sessionMisc: v(10, 120, 1200),
      invoiceMetadata: v(8, 16, 20),
      invoiceExport: v(8, 16, 20),
      invoiceExportStatus: v(10, 60, 600),
      invoiceDownload: v(8, 16, 64),
      collectiveIdentifier: v(20, 120, 240),
      other: v(10, 30, 120),
      anonymous: v(challenge?.perSecond ?? 60, -1, -1),
      global: v(-1, -1, -1),
    },
  };
}

/** Shortens the validity of one's own KSeF certificate ("nie może być późniejsza niż obecna"). */
export function putTestCertificate(call: Call, serial: string): Reply {
  const {op} = bearer(call, ['AccessToken']);
  let body: {validTo?: unknown} | undefined;
  try {
    body = parseJsonBody(call);
  } catch {
    throw new KsefError(21405, ['Treść żądania nie jest poprawnym JSON.']);
  }
  const validTo = typeof body?.validTo === 'string' ? Date.parse(body.validTo) : NaN;
  if (Number.isNaN(validTo)) throw new KsefError(21405, ["Pole 'validTo' musi być datą w formacie ISO 8601."]);
  const c = call.envState.certificates[serial];
  if (!c || identityKey(c.identity) !== identityKey(op.identity)) throw new KsefError(25008, [`Certyfikat ${serial} nie istnieje.`]);
  if (validTo > c.validToMs) throw new KsefError(21405, ["Nowa data 'validTo' nie może być późniejsza niż obecna data ważności certyfikatu."]);
  c.validToMs = validTo;
  call.core.save();
  return {status: 200};
}
