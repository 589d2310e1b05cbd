/**
 * The few file-system failures a user can cause or fix (a full disk, a read-only mount, a path
 * under /proc), in words, with the errno code kept for searching. Anything else is not described
 * here, so that it stays an internal error with its stack.
 */
const WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for that file system',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  ENOENT: 'that folder does not exist and cannot be created there',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'that path is a folder',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path has a loop of symbolic links',
  EMLINK: 'the folder holds too many entries',
  ENXIO: 'that path is a device, not a file',
  EIO: 'the disk reported an input/output error',
  EBUSY: 'the path is busy',
  EINVAL: 'that file system refuses the name',
  EXDEV: 'the move crosses file systems',
  EEXIST: 'a file of that name appeared meanwhile',
};

export function fsErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code in WORDS ? code : undefined;
}

/** "the disk is full (ENOSPC)", or undefined when `err` is not one of the failures above. */
export function describeFsError(err: unknown): string | undefined {
  const code = fsErrorCode(err);
  return code === undefined ? undefined : `${WORDS[code]} (${code})`;
}
