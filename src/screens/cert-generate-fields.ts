// The generate form's fields [A-1-5-4] (owner, environment, name, type, mode, start date, key on the token, PIN,
// key password): labels from the catalogue, validation by the flows' own rules (name, date, mode Z).
import type {CertTypeCode, CertificateView, EnvCode, ModeCode, Operator, Owner} from '../domain/index.js';
import {checkCertificateName} from '../domain/index.js';
import {chooseAuthorization} from '../flows/auth-plan.js';
import {dateError, defaultStartDate, describeFollows, nameError} from '../flows/generate.js';
import type {GenerateSetup} from '../flows/services/generate.js';
import type {Translate} from '../i18n/index.js';
import type {FieldSpec, FormValues} from '../tui/form/index.js';

export type GenerateOwnerKind = Owner['kind'];

export const ownerFromValue = (kind: GenerateOwnerKind, value: string | undefined): Owner =>
  kind === 'company' ? {kind: 'company'} : {kind, code: value ?? ''};

export interface FieldsInput {
  setup: GenerateSetup;
  kind: GenerateOwnerKind;
  ownerOptions: {value: string; label: string}[];
  clock: () => Date;
  defaultEnv: EnvCode;
  operator: Pick<Operator, 'code'>;
  preset?: {mode?: ModeCode; owner?: Owner; env?: EnvCode; type?: CertTypeCode; predecessorId?: string};
  /** The certificate followed when the form still names the preset's owner, type and environment. */
  followedId(owner: Owner, type: CertTypeCode, env: EnvCode): string | undefined;
  t: Translate;
}

/** The start date the form proposes and the certificate a Z one follows, for the values typed. */
export function startFor(i: FieldsInput, v: FormValues): {date: string; predecessor?: CertificateView} {
  const owner = ownerFromValue(i.kind, v.owner);
  const type = (v.type || 'A') as CertTypeCode;
  const env = (v.env || 'D') as EnvCode;
  return defaultStartDate(i.setup.records, owner, type, env, (v.mode || 'B') as ModeCode, i.clock(), i.followedId(owner, type, env));
}

export function generateFields(i: FieldsInput): FieldSpec[] {
  const {setup, kind, ownerOptions, preset, t} = i;
  const now = i.clock();
  const endOf = (p: CertificateView | undefined) => (p?.validTo ? new Date(p.validTo) : undefined);
  const authOnToken = (v: FormValues): boolean => {
    const p = chooseAuthorization(setup.records, ownerFromValue(kind, v.owner), (v.env || 'D') as EnvCode, 'esignature', now);
    return p.kind === 'certificate' && !!p.via.keyUri;
  };
  const firstOwner = preset?.owner && preset.owner.kind !== 'company' ? preset.owner.code : kind === 'operator' ? i.operator.code : ownerOptions[0]?.value;
  const list: FieldSpec[] = [];
  if (kind === 'company') list.push({id: 'owner', kind: 'readonly', label: t('gen.form.owner'), text: t('gen.form.ownerCompany', {name: setup.companyName || setup.companyNip}), required: false});
  else list.push({id: 'owner', kind: 'select', label: t(kind === 'operator' ? 'gen.form.operator' : 'gen.form.branch'), options: ownerOptions, default: firstOwner, width: 40});
  list.push(
    {id: 'env', kind: 'code', label: t('gen.form.env'), options: {D: t('gen.form.env.D'), P: t('gen.form.env.P'), T: t('gen.form.env.T')}, default: preset?.env ?? i.defaultEnv},
    {
      id: 'name', kind: 'text', label: t('gen.form.name'), maxLength: 100, width: 40,
      validate: (v) => nameError(v, t),
      hint: (v) => (v && !nameError(v) && checkCertificateName(v).notPortable ? t('gen.name.portable') : v ? undefined : t('gen.name.hint')),
    },
    {id: 'type', kind: 'code', label: t('gen.form.type'), options: {A: t('gen.form.type.A'), O: t('gen.form.type.O')}, default: preset?.type ?? 'A'},
    {id: 'mode', kind: 'code', label: t('gen.form.mode'), options: {B: t('gen.form.mode.B'), Z: t('gen.form.mode.Z')}, default: preset?.mode ?? 'B',
      validate: (v, all) => (v === 'Z' && !startFor(i, all).predecessor ? t('gen.form.noZ') : undefined)},
    {id: 'follows', kind: 'readonly', label: '', required: false, hidden: (v) => v.mode !== 'Z',
      text: (v) => {
        const p = startFor(i, v).predecessor;
        return p ? describeFollows(p, t) : t('gen.form.noFollowed');
      }},
    {id: 'validFrom', kind: 'date', label: t('gen.form.validFrom'),
      default: startFor(i, {owner: firstOwner ?? '', env: preset?.env ?? i.defaultEnv, type: preset?.type ?? 'A', mode: preset?.mode ?? 'B'}).date,
      validate: (v, all) => dateError(v, i.clock(), all.mode === 'Z' ? endOf(startFor(i, all).predecessor) : undefined, t)},
  );
  if (setup.card) {
    list.push(
      {id: 'keyWhere', kind: 'code', label: t('pkcs11.field.keyWhere'), default: 'M',
        options: {M: t('pkcs11.keyWhere.M'), T: t('pkcs11.keyWhere.T', {token: setup.card.label ?? '?'})}},
      // The PIN is also needed when the owner's type-A certificate that signs the KSeF login has its key on the token.
      {id: 'pin', kind: 'password', label: t('pkcs11.card.pin'), maxLength: 64, hidden: (v) => v.keyWhere !== 'T' && !authOnToken(v)},
    );
  }
  list.push(
    {id: 'password', kind: 'password', label: t('gen.form.password'), policy: true, hidden: (v) => v.keyWhere === 'T'},
    {id: 'password2', kind: 'password', label: t('gen.form.password2'), confirmOf: 'password', hidden: (v) => v.keyWhere === 'T'},
  );
  return list;
}
