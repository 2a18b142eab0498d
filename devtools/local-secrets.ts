import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * A secret `npm start` keeps in the data folder's `secrets/` (folder 0700, file 0600, owner only):
 * read if it is there, otherwise made — from `bytes` random bytes (base64 for 32, hex otherwise), or
 * by `make` — and written once. `created` says it was made just now.
 */
export async function localSecret(
  dataDir: string,
  name: string,
  make: number | (() => string),
): Promise<{ value: string; created: boolean; file: string }> {
  const file = resolve(dataDir, 'secrets', name);
  try {
    return { value: (await readFile(file, 'utf8')).trim(), created: false, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = typeof make === 'number' ? randomBytes(make).toString(make === 32 ? 'base64' : 'hex') : make();
  await mkdir(resolve(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
  await writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return { value, created: true, file };
}
