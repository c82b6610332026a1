// The only Text of the app: Ink's Text whose string children pass terminalSafe, so a hostile file name, subject,
// KSeF message or stored value is drawn with its control/bidi characters escaped instead of driving the terminal.
// Ink's own styling (colour, bold, inverse) is applied by Ink around the safe text and keeps working.
// Screens and widgets import Text from here, never from 'ink' (test/tui/terminal-safe.test.tsx checks it).
import React from 'react';
import {Text as InkText, type TextProps} from 'ink';
import {terminalSafe} from '../domain/index.js';

/** String children escaped; arrays and fragments walked; elements (other Texts) sanitise themselves. */
export function safeChildren(node: React.ReactNode): React.ReactNode {
  if (typeof node === 'string') return terminalSafe(node, {keepNewlines: true});
  if (Array.isArray(node)) return node.map(safeChildren);
  if (React.isValidElement<{children?: React.ReactNode}>(node) && node.type === React.Fragment) {
    return React.cloneElement(node, {children: safeChildren(node.props.children)});
  }
  return node;
}

export function Text({children, ...rest}: TextProps) {
  return <InkText {...rest}>{safeChildren(children)}</InkText>;
}

export type {TextProps};
