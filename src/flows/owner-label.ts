// "for whom" in the session's language (the generate / resume texts): firmy, oddziału KOD, operatora KOD.
import type {Owner} from '../domain/index.js';
import type {Translate} from '../i18n/index.js';

export function ownerLabel(owner: Owner, t: Translate): string {
  if (owner.kind === 'company') return t('gen.owner.company');
  return owner.kind === 'branch' ? t('gen.owner.branch', {code: owner.code}) : t('gen.owner.operator', {code: owner.code});
}
