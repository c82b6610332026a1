// The F2000 menu as data. Only A → 1 → 5 belongs to this module; siblings are shown greyed (`outside`).
// A leaf names a screen id from src/screens/registry.ts; an id with no registered screen shows "w przygotowaniu".
import type {MessageKey} from '../../i18n/index.js';
import type {ScreenId} from '../registry.js';

export interface MenuNode {
  /** Selector shown before the label and typed to choose it: a letter at the root, digits below. */
  code: string;
  label: MessageKey;
  children?: MenuNode[];
  /** Screen id opened by a leaf. */
  screen?: ScreenId;
  /** Belongs to another F2000 module: greyed, choosing it only says so. */
  outside?: boolean;
  /** Shown with "(planowane)". */
  planned?: boolean;
  /** Only an administrator may open it: greyed with the reason for an ordinary operator (rights are in the flows too). */
  adminOnly?: boolean;
}

const outside = (code: string, label: MessageKey): MenuNode => ({code, label, outside: true});

export const MENU_TREE: MenuNode = {
  code: '',
  label: 'menu.root',
  children: [
    {
      code: 'A', label: 'menu.A', children: [
        {
          code: '1', label: 'menu.A1', children: [
            outside('1', 'menu.A11'),
            outside('2', 'menu.A12'),
            outside('3', 'menu.A13'),
            outside('4', 'menu.A14'),
            {
              code: '5', label: 'menu.A15', children: [
                {code: '1', label: 'menu.A151', screen: 'branch-config'},
                {code: '2', label: 'menu.A152', screen: 'workstation-config'},
                {code: '3', label: 'menu.A153', screen: 'cert-import'},
                {
                  code: '4', label: 'menu.A154', children: [
                    {code: '1', label: 'menu.A1541', screen: 'cert-generate-operator'},
                    {code: '2', label: 'menu.A1542', screen: 'cert-generate-branch', adminOnly: true},
                    {code: '3', label: 'menu.A1543', screen: 'cert-generate-company', adminOnly: true},
                  ],
                },
                {code: '5', label: 'menu.A155', screen: 'operators'},
                {code: '6', label: 'menu.A156', screen: 'audit-log'},
                {code: '7', label: 'menu.A157', screen: 'cert-list'},
                {code: '8', label: 'menu.A158', screen: 'qr'},
              ],
            },
          ],
        },
        outside('2', 'menu.A2'),
        outside('3', 'menu.A3'),
      ],
    },
    outside('B', 'menu.B'),
    outside('C', 'menu.C'),
    outside('K', 'menu.K'),
    outside('M', 'menu.M'),
  ],
};

/** Node at a path of codes (`['A','1','5']`), or undefined. */
export function nodeAt(tree: MenuNode, path: readonly string[]): MenuNode | undefined {
  let node: MenuNode | undefined = tree;
  for (const code of path) {
    node = node?.children?.find(c => c.code.toUpperCase() === code.toUpperCase());
    if (!node) return undefined;
  }
  return node;
}

/** Nodes along a path, root excluded. */
export function nodesAlong(tree: MenuNode, path: readonly string[]): MenuNode[] {
  const out: MenuNode[] = [];
  for (let i = 1; i <= path.length; i++) {
    const n = nodeAt(tree, path.slice(0, i));
    if (n) out.push(n);
  }
  return out;
}

/** Breadcrumb code like `A-1-5-7`. */
export const breadcrumb = (path: readonly string[]): string => path.join('-');

/** Path of the first leaf with this screen id (for deep links and CLI hints). */
export function pathOfScreen(tree: MenuNode, screen: string, prefix: string[] = []): string[] | undefined {
  for (const c of tree.children ?? []) {
    const p = [...prefix, c.code];
    if (c.screen === screen) return p;
    const inner = pathOfScreen(c, screen, p);
    if (inner) return inner;
  }
  return undefined;
}
