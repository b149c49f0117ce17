import { QUEUES, salesDocumentPdfJobId } from "@ledgerline/domain";
import {
  createFileStore,
  storeSalesDocumentPdf,
  systemActor,
  updateCompanySettings,
} from "@ledgerline/services";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startTestApi,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type CookieClient,
  type TestApi,
} from "./testing/api-harness.ts";

/**
 * The API's side of PDFs: issuing queues the job (one per document version), the status says
 * where it is, the download waits for the worker and says so when it is not there, and
 * regenerate is audited. No worker runs here; apps/worker's pdf.integration.test.ts renders in
 * Chromium (and fails and retries a render for real).
 */
let api: TestApi;
let finance: CookieClient;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  api = await startTestApi();
  finance = api.client({ headers: { origin: TEST_ORIGIN } });
  await finance.trpc.auth.signIn.mutate({
    email: api.users.finance.email,
    password: TEST_PASSWORD,
  });
  await updateCompanySettings(api.db, systemActor("test"), {
    legalName: "PDF-Test GmbH",
    city: "Bonn",
    iban: "DE02120300000000202051",
  });
  redis = new Redis(api.env.REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUES.recordPdfs.name, { connection: redis, prefix: api.env.QUEUE_PREFIX });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await api?.close();
});

async function issuedInvoice() {
  const customer = await finance.trpc.customers.create.mutate({ name: "PDF-Kunde AG" });
  const draft = await finance.trpc.salesDocuments.create.mutate({
    type: "invoice",
    customerId: customer.id,
    lines: [{ description: "Beratung", quantity: "2", unitPrice: "120.00" }],
  });
  return finance.trpc.salesDocuments.issue.mutate({ id: draft.id });
}

describe("sales document PDFs through the API", () => {
  it("issuing queues version 1 under its deterministic job id, once", async () => {
    const invoice = await issuedInvoice();
    const job = await queue.getJob(salesDocumentPdfJobId(invoice.id, 1));
    expect(job?.data).toEqual({ salesDocumentId: invoice.id, version: 1 });
    const status = await finance.trpc.salesDocumentPdfs.status.query({ id: invoice.id });
    expect(status).toMatchObject({
      pdf: null,
      current: false,
      job: { version: 1, state: "waiting" },
    });
    await finance.trpc.salesDocumentPdfs.queue.mutate({ id: invoice.id });
    expect(await queue.getJobCounts("waiting")).toMatchObject({ waiting: 1 });
  });

  it("every path that issues a document queues its PDF: issue, approve, transform, cancel with a document", async () => {
    const customer = await finance.trpc.customers.create.mutate({ name: "Alle Wege KG" });
    const draftOf = (type: "invoice" | "sales_order" | "pro_forma", unitPrice = "100.00") =>
      finance.trpc.salesDocuments.create.mutate({
        type,
        customerId: customer.id,
        lines: [{ description: "Leistung", quantity: "1", unitPrice }],
      });
    const queuedVersion1 = async (id: string) =>
      (await queue.getJob(salesDocumentPdfJobId(id, 1)))?.data as unknown;

    // A sales order and a pro forma transformed into invoices that are issued at once.
    for (const type of ["sales_order", "pro_forma"] as const) {
      const order = await draftOf(type);
      await finance.trpc.salesDocuments.issue.mutate({ id: order.id });
      const invoice = await finance.trpc.salesDocuments.transform.mutate({ id: order.id });
      expect(invoice).toMatchObject({ type: "invoice", status: "sent" });
      expect(invoice.number).toMatch(/^RE-/);
      expect(await queuedVersion1(invoice.id)).toEqual({ salesDocumentId: invoice.id, version: 1 });
    }

    // A cancellation is issued with its own number, and printed too.
    const invoice = await issuedInvoice();
    const cancellation = await finance.trpc.salesDocuments.cancelWithDocument.mutate({
      id: invoice.id,
      reason: "Doppelt gestellt",
    });
    expect(await queuedVersion1(cancellation.id)).toEqual({
      salesDocumentId: cancellation.id,
      version: 1,
    });

    // Above the approval threshold: submitting issues nothing (no PDF), approving does.
    await updateCompanySettings(api.db, systemActor("test"), {
      invoiceApprovalThreshold: "500.00",
    });
    try {
      const big = await draftOf("invoice", "900.00");
      await finance.trpc.salesDocuments.submit.mutate({ id: big.id });
      expect(await queuedVersion1(big.id)).toBeUndefined();
      const admin = api.client({ headers: { origin: TEST_ORIGIN } });
      await admin.trpc.auth.signIn.mutate({
        email: api.users.admin.email,
        password: TEST_PASSWORD,
      });
      const approved = await admin.trpc.salesDocuments.approve.mutate({ id: big.id });
      expect(approved.number).toMatch(/^RE-/);
      expect(await queuedVersion1(big.id)).toEqual({ salesDocumentId: big.id, version: 1 });
    } finally {
      await updateCompanySettings(api.db, systemActor("test"), { invoiceApprovalThreshold: null });
    }

    // A draft converted from an issued document is not issued: nothing to print yet.
    const quote = await finance.trpc.salesDocuments.create.mutate({
      type: "quote",
      customerId: customer.id,
      lines: [{ description: "Angebot", quantity: "1", unitPrice: "50.00" }],
    });
    await finance.trpc.salesDocuments.issue.mutate({ id: quote.id });
    const converted = await finance.trpc.salesDocuments.convert.mutate({
      id: quote.id,
      to: "invoice",
    });
    expect(converted.status).toBe("draft");
    expect(await queuedVersion1(converted.id)).toBeUndefined();
  });

  it("a download without a worker answers 503 with Retry-After; with the PDF stored, sends it", async () => {
    const invoice = await issuedInvoice();
    const url = `${api.url}/files/sales-documents/${invoice.id}/pdf?download=1`;
    const waiting = await finance.fetch(url);
    expect(waiting.status).toBe(503);
    expect(waiting.headers.get("retry-after")).toBe("5");

    // What the worker does once it has rendered (apps/worker/src/processors/documents.ts).
    const bytes = new TextEncoder().encode(
      "%PDF-1.7\n% stand-in bytes for the API's part\n%%EOF\n",
    );
    const row = await api.db.salesDocument.findUniqueOrThrow({ where: { id: invoice.id } });
    await storeSalesDocumentPdf(
      api.db,
      createFileStore(api.env.STORAGE_DIR),
      systemActor("pdf-renderer"),
      {
        salesDocumentId: invoice.id,
        version: 1,
        fileName: `${invoice.number}.pdf`,
        bytes,
        sourceUpdatedAt: row.updatedAt,
      },
    );
    const ready = await finance.fetch(url);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("content-type")).toBe("application/pdf");
    expect(ready.headers.get("content-disposition")).toContain(
      `attachment; filename="${invoice.number}.pdf"`,
    );
    expect(new Uint8Array(await ready.arrayBuffer())).toEqual(bytes);

    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
  });

  it("e-invoices: 400 naming what is missing, a draft refused, then XRechnung UBL and CII", async () => {
    const invoice = await issuedInvoice();
    const url = (file: string) => `${api.url}/files/sales-documents/${invoice.id}/${file}`;
    const missing = await finance.fetch(url("xrechnung-ubl.xml"));
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/phone number.*customer's postal code and city/);

    await updateCompanySettings(api.db, systemActor("test"), {
      street: "Rheinweg 1",
      postalCode: "53113",
      phone: "+49 228 123",
      email: "rechnung@pdf-test.example",
      vatId: "DE811907980",
    });
    const customer = await finance.trpc.customers.create.mutate({
      name: "E-Kunde AG",
      postalCode: "10115",
      city: "Berlin",
      electronicAddress: "erechnung@e-kunde.example",
      buyerReference: "04011000-1234512345-06",
    });
    const draft = await finance.trpc.salesDocuments.create.mutate({
      type: "invoice",
      customerId: customer.id,
      lines: [{ description: "Beratung", quantity: "2", unitPrice: "120.00" }],
    });
    const draftResponse = await finance.fetch(
      `${api.url}/files/sales-documents/${draft.id}/xrechnung-cii.xml`,
    );
    expect(draftResponse.status).toBe(400);
    const issued = await finance.trpc.salesDocuments.issue.mutate({ id: draft.id });
    for (const [file, root] of [
      ["xrechnung-ubl.xml", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"],
      ["xrechnung-cii.xml", "CrossIndustryInvoice"],
    ] as const) {
      const response = await finance.fetch(
        `${api.url}/files/sales-documents/${issued.id}/${file}?download=1`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toContain(`${issued.number}.`);
      const xml = await response.text();
      expect(xml).toContain(root);
      expect(xml).toContain("04011000-1234512345-06");
    }
  });

  it("regenerate queues the next version and the audit trail names who asked", async () => {
    const invoice = await issuedInvoice();
    const status = await finance.trpc.salesDocumentPdfs.regenerate.mutate({ id: invoice.id });
    expect(status.job?.version).toBe(1);
    const events = await api.db.auditEvent.findMany({
      where: { entityId: invoice.id, action: "regeneratePdf" },
    });
    expect(events.map((event) => event.actorId)).toEqual([api.users.finance.id]);
  });
});

describe("a soft-deleted document's files", () => {
  // salesDocuments.get finds a soft-deleted document only for those who may delete it (§5.10):
  // its PDF, its e-invoice and its stored file follow the same rule on every way in.
  it("are not found for a team lead and still sent to finance", async () => {
    await updateCompanySettings(api.db, systemActor("test"), {
      street: "Rheinweg 1",
      postalCode: "53113",
      phone: "+49 228 123",
      email: "rechnung@pdf-test.example",
      vatId: "DE811907980",
    });
    const customer = await finance.trpc.customers.create.mutate({
      name: "Gelöscht AG",
      postalCode: "10115",
      city: "Berlin",
      electronicAddress: "erechnung@geloescht.example",
      buyerReference: "04011000-1234512345-06",
    });
    const draft = await finance.trpc.salesDocuments.create.mutate({
      type: "invoice",
      customerId: customer.id,
      lines: [{ description: "Beratung", quantity: "1", unitPrice: "80.00" }],
    });
    const invoice = await finance.trpc.salesDocuments.issue.mutate({ id: draft.id });
    const row = await api.db.salesDocument.findUniqueOrThrow({ where: { id: invoice.id } });
    const { pdf } = await storeSalesDocumentPdf(
      api.db,
      createFileStore(api.env.STORAGE_DIR),
      systemActor("pdf-renderer"),
      {
        salesDocumentId: invoice.id,
        version: 1,
        fileName: `${invoice.number}.pdf`,
        bytes: new TextEncoder().encode("%PDF-1.7\n% deleted\n%%EOF\n"),
        sourceUpdatedAt: row.updatedAt,
      },
    );
    await finance.trpc.salesDocuments.delete.mutate({ id: invoice.id });

    const lead = api.client({ headers: { origin: TEST_ORIGIN } });
    await lead.trpc.auth.signIn.mutate({
      email: api.users.team_lead.email,
      password: TEST_PASSWORD,
    });
    const urls = [
      `${api.url}/files/sales-documents/${invoice.id}/pdf`,
      `${api.url}/files/sales-documents/${invoice.id}/xrechnung-ubl.xml`,
      `${api.url}/files/${pdf.id}`,
    ];
    // ZUGFeRD embeds its XML in the stored PDF, which these stand-in bytes are not: refused
    // to the lead only.
    for (const url of [...urls, `${api.url}/files/sales-documents/${invoice.id}/zugferd.pdf`]) {
      expect((await lead.fetch(url)).status, url).toBe(404);
    }
    for (const url of urls) expect((await finance.fetch(url)).status, url).toBe(200);
    for (const call of [
      () => lead.trpc.salesDocuments.get.query({ id: invoice.id }),
      () => lead.trpc.salesDocumentPdfs.status.query({ id: invoice.id }),
      () => lead.trpc.salesDocumentPdfs.queue.mutate({ id: invoice.id }),
      () => lead.trpc.salesDocumentPdfs.regenerate.mutate({ id: invoice.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    }
    const status = await finance.trpc.salesDocumentPdfs.status.query({ id: invoice.id });
    expect(status.pdf?.id).toBe(pdf.id);
  });
});
