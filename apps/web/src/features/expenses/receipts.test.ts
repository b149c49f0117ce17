import { describe, expect, it, vi } from "vitest";
import { FileRequestError } from "../../lib/file-requests.ts";
import { receiptContentType, uploadReceipt } from "./receipts.ts";

describe("receipt upload", () => {
  it("sends the raw file with its type and an encoded name", async () => {
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify({ id: "r1" }), { status: 201 }),
    );
    const file = new File(["%PDF-1.7"], "Quittung Müller.pdf", { type: "application/pdf" });
    await expect(uploadReceipt("e1", file, fetchMock)).resolves.toEqual({ id: "r1" });
    expect(fetchMock).toHaveBeenCalledWith("/files/expenses/e1/receipts", {
      method: "POST",
      body: file,
      credentials: "include",
      headers: {
        "Content-Type": "application/pdf",
        "X-File-Name": "Quittung%20M%C3%BCller.pdf",
      },
    });
  });

  it("reports the server's message when it refuses", async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ error: { message: "The file is larger than 10 MiB." } }), {
          status: 413,
        }),
    );
    const file = new File(["x"], "big.png", { type: "image/png" });
    const failure = uploadReceipt("e1", file, fetchMock);
    await expect(failure).rejects.toBeInstanceOf(FileRequestError);
    await expect(failure).rejects.toMatchObject({
      message: "The file is larger than 10 MiB.",
      status: 413,
    });
  });

  it("names the type by extension when the browser gives none", () => {
    expect(receiptContentType({ name: "scan.JPG", type: "" })).toBe("image/jpeg");
  });
});
