// A configuration form refused because its record changed elsewhere since it was opened (StoreError 'conflict'):
// the text names the changed fields with the form's own labels.
import {conflictFields} from '../flows/services/config.js';
import type {MessageKey, Translate} from '../i18n/index.js';

const LABELS: Record<string, MessageKey> = {
  defaultEnv: 'branchCfg.field.env', authMethod: 'branchCfg.field.auth', contextType: 'branchCfg.field.ctxType',
  contextValue: 'branchCfg.field.ctxValue', apiUrl: 'branchCfg.field.apiUrl',
  signFolder: 'wsCfg.field.signFolder', signCommand: 'wsCfg.field.signCommand', exportFolder: 'wsCfg.field.exportFolder', lang: 'wsCfg.field.lang',
  code: 'ops.field.code', name: 'ops.field.name', role: 'ops.field.role', branch: 'ops.field.branch', disabled: 'ops.field.disabled',
  pesel: 'ops.field.pesel',
};

/** The catalogue text for a conflict, or undefined when `e` is something else. */
export function conflictText(e: unknown, t: Translate): string | undefined {
  const changed = conflictFields(e);
  if (!changed) return undefined;
  const fields = changed.map((f) => (LABELS[f] ? t(LABELS[f]) : f));
  return t('config.conflict', {fields: fields.join(', ')});
}
