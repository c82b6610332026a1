// English texts: errors of the lower layers. Typed against ../pl/errors.ts: every Polish key needs an English text.
import type {errors as pl} from '../pl/errors.js';
import type {EnglishOf} from '../placeholders.js';

export const errors = {
  'err.io.ENOENT': 'File or folder not found.',
  'err.io.EACCES': 'No permission to access the file or folder.',
  'err.io.EPERM': 'Operation not permitted by the file system.',
  'err.io.EROFS': 'The folder is read-only.',
  'err.io.ENOSPC': 'No space left on the disk.',
  'err.io.EISDIR': 'A folder was given instead of a file.',
  'err.io.ENOTDIR': 'The path is not a folder.',
  'err.io.EFBIG': 'The file is too large.',
  'err.io.withPath': '{text} ({path})',
  'err.verbatim': '{text}',
  'err.list': '{head}, {next}',
  'err.aborted': 'The operation was interrupted.',
  'err.unexpected': 'Unexpected error: {detail}',
} as const satisfies EnglishOf<typeof pl>;
