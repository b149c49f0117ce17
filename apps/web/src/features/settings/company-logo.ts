import { LOGO_MIME_TYPES } from "@ledgerline/domain";
import { fileContentType, sendFileRequest } from "../../lib/file-requests.ts";

/** What the file input offers: the types the server takes. */
export const LOGO_ACCEPT = [...LOGO_MIME_TYPES, ".png", ".jpg", ".jpeg", ".svg"].join(",");

/** The type to declare for a file: the browser's, or by extension when it names none. */
export const logoContentType = (file: { name: string; type: string }): string =>
  fileContentType(file, {
    png: "image/png",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    svg: "image/svg+xml",
  });

const send = (init: RequestInit, fetchImpl: typeof fetch) =>
  sendFileRequest("/files/company-logo", init, fetchImpl);

/** Replaces the company logo: the raw file as the body, its type as Content-Type. */
export const uploadCompanyLogo = (file: File, fetchImpl: typeof fetch = fetch) =>
  send(
    { method: "POST", body: file, headers: { "Content-Type": logoContentType(file) } },
    fetchImpl,
  );

/** Removes the company logo (documents then print the company's name). */
export const removeCompanyLogo = (fetchImpl: typeof fetch = fetch) =>
  send({ method: "DELETE" }, fetchImpl);
