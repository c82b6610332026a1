// Screen id → component. Menu leaves (src/menu/tree.ts) name these ids; an id missing here shows the placeholder.
// To add a screen: write src/screens/<name>.tsx exporting a component taking ScreenProps, then add one entry below.
import type {ScreenDef} from './types.js';
import {PlaceholderScreen} from './placeholder.js';
import {CertImportScreen} from './cert-import.js';
import {CertListScreen} from './cert-list.js';
import {CertDetailsScreen} from './cert-details.js';
import {AuditLogScreen} from './audit-log.js';
import {BranchConfigScreen} from './branch-config.js';
import {WorkstationConfigScreen} from './workstation-config.js';
import {OperatorsScreen} from './operators.js';
import {CertGenerateBranchScreen, CertGenerateCompanyScreen, CertGenerateOperatorScreen} from './cert-generate.js';
import {QrScreen} from './qr.js';

export const SCREENS: Record<string, ScreenDef> = {
  placeholder: {component: PlaceholderScreen, help: 'help.placeholder'},
  'cert-import': {component: CertImportScreen, help: 'help.certImport'},
  'cert-list': {component: CertListScreen, help: 'help.certList', legend: ['export', 'refresh', 'revoke']},
  'cert-details': {component: CertDetailsScreen, title: 'certs.detailsTitle', help: 'help.certDetails', legend: ['export', 'revoke']},
  'audit-log': {component: AuditLogScreen, help: 'help.auditLog'},
  'branch-config': {component: BranchConfigScreen, help: 'help.branchConfig', legend: ['save']},
  'workstation-config': {component: WorkstationConfigScreen, help: 'help.workstationConfig', legend: ['save']},
  operators: {component: OperatorsScreen, help: 'help.operators', legend: ['add']},
  qr: {component: QrScreen, help: 'help.qr', legend: ['save']},
  'cert-generate-operator': {component: CertGenerateOperatorScreen, help: 'help.certGenerate', legend: ['save']},
  'cert-generate-branch': {component: CertGenerateBranchScreen, help: 'help.certGenerate', legend: ['save']},
  'cert-generate-company': {component: CertGenerateCompanyScreen, help: 'help.certGenerate', legend: ['save']},
};

export function screenDef(id: string, screens: Record<string, ScreenDef> = SCREENS): ScreenDef {
  return screens[id] ?? screens.placeholder ?? SCREENS.placeholder;
}
