// Screen id → component. Menu leaves (src/screens/menu/tree.ts) name these ids; an id missing here shows the placeholder.
// To add a screen: write src/screens/<name>.tsx exporting a component taking ScreenProps, then add one entry below.
// Screens are loaded on first use (React.lazy): they pull in the KSeF crypto stack, which must not delay the first
// frame; `preloadScreens()` warms them up once the operator has logged in.
import {lazy, type ComponentType} from 'react';
import type {ScreenDef, ScreenProps} from './types.js';
import {PlaceholderScreen} from './placeholder.js';

type Loader = () => Promise<ComponentType<ScreenProps>>;
const loaders: Loader[] = [];

function screen<M>(load: () => Promise<M>, pick: (m: M) => ComponentType<ScreenProps>): Pick<ScreenDef, 'component' | 'load'> {
  const loader: Loader = () => load().then(pick);
  loaders.push(loader);
  return {component: lazy(() => loader().then((c) => ({default: c}))), load: loader};
}

const generate = () => import('./cert-generate.js');

export const SCREENS: Record<string, ScreenDef> = {
  placeholder: {component: PlaceholderScreen, help: 'help.placeholder'},
  'cert-import': {...screen(() => import('./cert-import.js'), (m) => m.CertImportScreen), help: 'help.certImport', legend: ['save']},
  'cert-list': {
    ...screen(() => import('./cert-list.js'), (m) => m.CertListScreen), help: 'help.certList', legend: ['export', 'refresh', 'revoke'],
  },
  'cert-details': {
    ...screen(() => import('./cert-details.js'), (m) => m.CertDetailsScreen),
    title: 'certs.detailsTitle', help: 'help.certDetails', legend: ['export', 'revoke'],
  },
  'audit-log': {...screen(() => import('./audit-log.js'), (m) => m.AuditLogScreen), help: 'help.auditLog'},
  'branch-config': {
    ...screen(() => import('./branch-config.js'), (m) => m.BranchConfigScreen), help: 'help.branchConfig', legend: ['save'],
  },
  'workstation-config': {
    ...screen(() => import('./workstation-config.js'), (m) => m.WorkstationConfigScreen), help: 'help.workstationConfig', legend: ['save'],
  },
  operators: {...screen(() => import('./operators.js'), (m) => m.OperatorsScreen), help: 'help.operators', legend: ['add']},
  qr: {...screen(() => import('./qr.js'), (m) => m.QrScreen), help: 'help.qr', legend: ['save', 'verify']},
  'verify-qr': {...screen(() => import('./verify-qr.js'), (m) => m.VerifyQrScreen), title: 'verify.title', help: 'help.verifyQr', legend: ['save']},
  'cert-generate-operator': {...screen(generate, (m) => m.CertGenerateOperatorScreen), help: 'help.certGenerate', legend: ['save']},
  'cert-generate-branch': {...screen(generate, (m) => m.CertGenerateBranchScreen), help: 'help.certGenerate', legend: ['save']},
  'cert-generate-company': {...screen(generate, (m) => m.CertGenerateCompanyScreen), help: 'help.certGenerate', legend: ['save']},
};

export function screenDef(id: string, screens: Record<string, ScreenDef> = SCREENS): ScreenDef {
  return screens[id] ?? screens.placeholder ?? SCREENS.placeholder;
}

/** Loads every screen module in the background (after login), so opening a screen later does not wait. */
export function preloadScreens(): Promise<void> {
  return Promise.all(loaders.map((l) => l().catch(() => undefined))).then(() => undefined);
}
