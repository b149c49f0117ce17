import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";

/**
 * Where Ledgerline keeps the bytes of files (receipts, later PDFs and logos). The database row
 * (StoredFile) says what a file is and whose; the store only knows keys. Keys are random and
 * made here, never taken from a client, so no request can name a path.
 */
export interface FileStore {
  /** Stores the bytes and returns the new file's key. */
  put(bytes: Uint8Array): Promise<string>;
  read(storageKey: string): Promise<Buffer>;
  /**
   * The file as a stream, for sending it over HTTP without holding it in memory. The file is
   * opened first, so a missing one rejects here, before anything has been sent.
   */
  stream(storageKey: string): Promise<Readable>;
  /** Removes the file; a key that is already gone is not an error. */
  delete(storageKey: string): Promise<void>;
}

const STORAGE_KEY = /^[0-9a-f]{32}$/;

export const isStorageKey = (value: string): boolean => STORAGE_KEY.test(value);

/**
 * A file store in a folder on the local disk: each file at `<root>/<first 2 key chars>/<key>`,
 * so no folder grows past a few thousand entries. Files are written under a temporary name and
 * renamed, so a reader never sees half a file. Only this process's user may read them.
 */
export function createFileStore(rootDir: string): FileStore {
  const root = resolve(rootDir);
  const pathOf = (storageKey: string) => {
    if (!isStorageKey(storageKey)) throw new Error(`Not a storage key: ${storageKey}`);
    return join(root, storageKey.slice(0, 2), storageKey);
  };

  return {
    async put(bytes) {
      const storageKey = randomBytes(16).toString("hex");
      const path = pathOf(storageKey);
      await mkdir(join(root, storageKey.slice(0, 2)), { recursive: true, mode: 0o700 });
      const temporary = `${path}.${randomBytes(4).toString("hex")}.partial`;
      try {
        await writeFile(temporary, bytes, { flag: "wx", mode: 0o600 });
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return storageKey;
    },
    async read(storageKey) {
      return readFile(pathOf(storageKey));
    },
    async stream(storageKey) {
      const handle = await open(pathOf(storageKey), "r");
      return handle.createReadStream();
    },
    async delete(storageKey) {
      await rm(pathOf(storageKey), { force: true });
    },
  };
}

/**
 * Removes files whose rows are already deleted. A file that cannot be removed is left behind
 * (an unreachable orphan costs disk, not correctness): the change itself has committed.
 */
export async function removeFiles(files: FileStore, storageKeys: string[]): Promise<void> {
  await Promise.all(storageKeys.map((key) => files.delete(key).catch(() => undefined)));
}
