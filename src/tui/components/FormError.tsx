// The refusal shown above a form after a failed submit: `✗ message` in the error colour, one blank line below.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {theme} from '../theme.js';

export function FormError({message}: {message: string | undefined}) {
  return message ? <Box marginBottom={1}><Text color={theme.error} wrap="wrap">{`✗ ${message}`}</Text></Box> : null;
}
