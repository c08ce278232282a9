/** The column names of a CSV file's first line, split as the server's parser splits them. */
export async function readCsvHeader(file: File): Promise<string[]> {
  const text = (await file.slice(0, 64 * 1024).text()).replace(/^\uFEFF/, '');
  const line = text.split(/\r?\n/)[0] ?? '';
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      names.push(current.trim());
      current = '';
    } else current += char;
  }
  names.push(current.trim());
  return names.filter(Boolean);
}

/** Header spellings the server recognises by itself; used to preselect the mapping. */
export const COLUMN_GUESSES: Record<'email' | 'name' | 'locale' | 'status' | 'lists', RegExp> = {
  email: /^(e-?mail|e-?mail address|mail)$/i,
  name: /^(name|full name|fullname)$/i,
  locale: /^(locale|language|lang)$/i,
  status: /^status$/i,
  lists: /^lists?$/i,
};
