import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileStore, isStorageKey, type FileStore } from "./file-store.ts";

let root: string;
let store: FileStore;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ledgerline-file-store-"));
  store = createFileStore(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("createFileStore", () => {
  it("stores bytes under a new random key and gives them back", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.7 receipt");
    const first = await store.put(bytes);
    const second = await store.put(bytes);
    expect(isStorageKey(first)).toBe(true);
    expect(second).not.toBe(first);
    expect(await store.read(first)).toEqual(Buffer.from(bytes));
    expect(await text(await store.stream(second))).toBe("%PDF-1.7 receipt");
  });

  it("keeps files in two-character folders, readable by this user only, with no leftovers", async () => {
    const key = await store.put(Uint8Array.from([1, 2, 3]));
    const folder = join(root, key.slice(0, 2));
    expect(await readdir(folder)).toContain(key);
    expect((await readdir(folder)).filter((name) => name.endsWith(".partial"))).toEqual([]);
    expect((await stat(join(folder, key))).mode & 0o777).toBe(0o600);
  });

  it("deletes a file, and deleting it again is not an error", async () => {
    const key = await store.put(Uint8Array.from([4, 5, 6]));
    await store.delete(key);
    await expect(store.read(key)).rejects.toThrow(/ENOENT/);
    await expect(store.stream(key)).rejects.toThrow(/ENOENT/);
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it("refuses anything that is not one of its keys, so no path can be named", async () => {
    for (const key of ["../../etc/passwd", "AB".repeat(16), "abc", `${"a".repeat(32)}/x`]) {
      await expect(store.read(key), key).rejects.toThrow(/Not a storage key/);
      await expect(store.delete(key), key).rejects.toThrow(/Not a storage key/);
      await expect(store.stream(key), key).rejects.toThrow(/Not a storage key/);
    }
  });
});
