// Validates requests and responses against the official KSeF OpenAPI contract (contract/open-api.json) with ajv.
// OpenAPI 3.0 `nullable` is rewritten to JSON Schema (type + "null" / anyOf) before compiling; `$ref`s to
// `#/components/schemas/...` resolve inside a schema document holding the spec's components.
import {Ajv, type ValidateFunction} from 'ajv';
import addFormatsModule from 'ajv-formats';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

type Json = Record<string, unknown>;
const spec = JSON.parse(readFileSync(fileURLToPath(new URL('../../contract/open-api.json', import.meta.url)), 'utf8')) as {
  paths: Record<string, Record<string, Json>>;
  components: Json;
};

function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = k === 'example' || k === 'examples' ? v : rewriteNullable(v);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return {anyOf: [out, {type: 'null'}]};
  }
  delete out.nullable;
  return out;
}

const SPEC_ID = 'ksef-openapi';
// unicodeRegExp off: the spec's certificateName pattern escapes a space ('\ '), which the u flag rejects.
const ajv = new Ajv({strict: false, allErrors: true, validateFormats: true, unicodeRegExp: false});
(addFormatsModule as unknown as (a: Ajv) => void)(ajv);
ajv.addFormat('int32', {type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31});
ajv.addFormat('int64', {type: 'number', validate: (n: number) => Number.isInteger(n)});
ajv.addSchema({$id: SPEC_ID, components: rewriteNullable(spec.components)});

const cache = new Map<string, ValidateFunction>();
function compile(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = cache.get(key);
  if (!fn) {
    const fixed = JSON.parse(key.replace(/"#\/components\//g, `"${SPEC_ID}#/components/`)) as Json;
    fn = ajv.compile(rewriteNullable(fixed) as Json);
    cache.set(key, fn);
  }
  return fn;
}

const templates = Object.keys(spec.paths)
  .map((t) => ({t, re: new RegExp('^' + t.replace(/\{[^}]+\}/g, '[^/]+') + '$'), params: (t.match(/\{/g) ?? []).length}))
  .sort((a, b) => a.params - b.params);

/** Accepts a template (`/auth/{referenceNumber}`) or a concrete URL/path (`http://…/test/v2/auth/2025…`). */
export function resolvePathTemplate(pathOrUrl: string): string | undefined {
  let p = pathOrUrl.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
  const v2 = p.indexOf('/v2/');
  if (v2 >= 0) p = p.slice(v2 + 3);
  if (spec.paths[p]) return p;
  return templates.find((x) => x.re.test(p))?.t;
}

export interface ValidationResult {
  ok: boolean;
  errors: string[];
}

const fmt = (fn: ValidateFunction): string[] => (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

export function validateResponse(method: string, pathOrUrl: string, status: number, body: unknown, contentType?: string | null): ValidationResult {
  const tpl = resolvePathTemplate(pathOrUrl);
  const where = `${method.toUpperCase()} ${pathOrUrl} → ${status}`;
  if (!tpl) return {ok: false, errors: [`${where}: path not in open-api.json`]};
  const op = spec.paths[tpl][method.toLowerCase()] as {responses?: Record<string, {content?: Record<string, {schema: Json}>}>} | undefined;
  if (!op) return {ok: false, errors: [`${where}: method not in open-api.json`]};
  const resp = op.responses?.[String(status)];
  if (!resp) return {ok: false, errors: [`${where}: status not documented`]};
  if (!resp.content) {
    const empty = body === undefined || body === null || body === '';
    return empty ? {ok: true, errors: []} : {ok: false, errors: [`${where}: body present but the contract defines none`]};
  }
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const media = resp.content[ct];
  if (!media) return {ok: false, errors: [`${where}: content type '${ct}' not documented (${Object.keys(resp.content).join(', ')})`]};
  const fn = compile(media.schema);
  return fn(body) ? {ok: true, errors: []} : {ok: false, errors: fmt(fn).map((e) => `${where}: ${e}`)};
}

export function validateRequest(method: string, pathOrUrl: string, body: unknown, contentType = 'application/json'): ValidationResult {
  const tpl = resolvePathTemplate(pathOrUrl);
  const where = `${method.toUpperCase()} ${pathOrUrl} (request)`;
  if (!tpl) return {ok: false, errors: [`${where}: path not in open-api.json`]};
  const op = spec.paths[tpl][method.toLowerCase()] as {requestBody?: {required?: boolean; content: Record<string, {schema: Json}>}} | undefined;
  if (!op) return {ok: false, errors: [`${where}: method not in open-api.json`]};
  if (!op.requestBody) return body === undefined || body === null || body === '' ? {ok: true, errors: []} : {ok: false, errors: [`${where}: body sent but the contract defines none`]};
  if (body === undefined) return op.requestBody.required ? {ok: false, errors: [`${where}: body required`]} : {ok: true, errors: []};
  const ct = contentType.split(';')[0].trim().toLowerCase();
  const media = op.requestBody.content[ct];
  if (!media) return {ok: false, errors: [`${where}: content type '${ct}' not documented`]};
  const fn = compile(media.schema);
  return fn(body) ? {ok: true, errors: []} : {ok: false, errors: fmt(fn).map((e) => `${where}: ${e}`)};
}
