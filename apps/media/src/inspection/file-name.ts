/** Maximum display name length, in UTF-16 code units. */
export const MAX_FILE_NAME_LENGTH = 200;

/**
 * Turns a client-supplied file name into a display name. It keeps the last
 * path segment only, in Unicode NFC. Every run of white space (line breaks
 * and tabs too) becomes one space. Control and format characters (such as
 * right-to-left overrides) and leading dots are removed. A longer name is
 * cut to MAX_FILE_NAME_LENGTH code units, keeping its extension where it
 * fits. Returns "" when nothing is left. The result is only shown to users,
 * and no storage key or path is built from it.
 */
export function sanitizeFileName(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .replace(/^\.+/, '')
    .trim();

  return truncate(cleaned);
}

function truncate(name: string): string {
  if (name.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = name.slice(0, MAX_FILE_NAME_LENGTH - extension.length);
  // Do not end on the first half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(stem)) stem = stem.slice(0, -1);

  return `${stem.trimEnd()}${extension}`;
}
