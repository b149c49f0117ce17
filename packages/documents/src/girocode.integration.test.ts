import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { toDecimal } from "@ledgerline/domain";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { girocodePayload } from "./girocode.ts";

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "girocode-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Decodes with zbar (Debian zbar-tools), the way a banking app's scanner would read it. */
async function decode(png: Buffer): Promise<string> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.png`);
  await writeFile(path, png);
  // -Sbinary: the raw bytes, not zbar's guess at a character set (the payload is UTF-8).
  const { stdout } = await run("zbarimg", ["-q", "--raw", "-Sbinary", path], {
    encoding: "buffer",
  });
  // With -Sbinary zbar adds nothing after the data (no newline of its own).
  return stdout.toString("utf8");
}

describe("the GiroCode as a scanner reads it", () => {
  it("decodes to the EPC payload, umlauts included, at error correction M", async () => {
    const payload = girocodePayload({
      name: "Bäckerei Müller & Söhne",
      iban: "DE89370400440532013000",
      currency: "EUR",
      amount: toDecimal("1234.50"),
      reference: "RE-2026-0001",
    });
    const png = await QRCode.toBuffer(payload, { errorCorrectionLevel: "M", scale: 4 });
    expect(await decode(png)).toBe(payload);
    // The QR code's format bits say M: a code drawn at L would decode too but be rejected here.
    const symbol = QRCode.create(payload, { errorCorrectionLevel: "M" });
    expect(symbol.errorCorrectionLevel.bit).toBe(0); // M (L=1, M=0, Q=3, H=2)
  });
});
