import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The official EN 16931 and XRechnung 3.0.2 rules, run by `../shared/einvoice/validate` (beside
 * the repository: Saxon-HE over the CEN and KoSIT XSLT, offline; see its README). CI installs
 * Java, Saxon and poppler-utils (.ci/run).
 */
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
/**
 * Where the validator is: `../shared/einvoice/validate` beside this checkout, else the machine's
 * `/work/shared` (a fresh clone made elsewhere, as CI may do, has no `../shared` of its own).
 */
const besideCheckout = join(repositoryRoot, "..", "shared", "einvoice", "validate");
export const E_INVOICE_VALIDATOR =
  [besideCheckout, "/work/shared/einvoice/validate"].find((candidate) => existsSync(candidate)) ??
  besideCheckout;

export interface ValidationResult {
  file: string;
  passed: boolean;
  /** The validator's lines about this file (rules, fatal findings). */
  report: string;
}

/** Validates files in one call (one JVM for all: 1–2 s instead of that per file). */
export async function validateEInvoices(files: readonly string[]): Promise<ValidationResult[]> {
  if (!existsSync(E_INVOICE_VALIDATOR)) {
    throw new Error(`The e-invoice validator is missing at ${E_INVOICE_VALIDATOR}.`);
  }
  const output = await new Promise<string>((resolvePromise, reject) => {
    execFile(
      E_INVOICE_VALIDATOR,
      [...files],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Exit 1 means "some file failed", which the results say; 2 and 3 are usage or setup errors.
        const code = error && "code" in error ? error.code : 0;
        if (code === 2 || code === 3)
          reject(new Error(`validate exited ${code}: ${stderr}${stdout}`));
        else resolvePromise(stdout);
      },
    );
  });
  const blocks = output.split(/\n(?=PASS |FAIL )/);
  return files.map((file) => {
    const block = blocks.find((text) => new RegExp(`^(PASS|FAIL) ${escape(file)}( |$)`).test(text));
    if (!block) return { file, passed: false, report: `no result for ${file} in:\n${output}` };
    return { file, passed: block.startsWith("PASS "), report: block.trim() };
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
