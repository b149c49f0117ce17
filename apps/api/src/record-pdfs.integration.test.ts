import { QUEUES, recordPdfJobId } from "@ledgerline/domain";
import {
  createFileStore,
  storeRecordPdf,
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
 * The API's side of purchase order and invoice group PDFs (the worker's side, rendering in
 * Chromium, is apps/worker's record-pdfs.integration.test.ts): issuing a group queues its PDF
 * once, under its deterministic job id; a PO is rendered on demand, and a change makes its PDF
 * stale; the download sends the stored PDF; regenerate needs the record's write permission and
 * is audited. No worker runs here.
 */
let api: TestApi;
let finance: CookieClient;
let redis: Redis;
let queue: Queue;
const bytes = new TextEncoder().encode("%PDF-1.7\n% stand-in bytes for the API's part\n%%EOF\n");

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
  });
  redis = new Redis(api.env.REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUES.recordPdfs.name, { connection: redis, prefix: api.env.QUEUE_PREFIX });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await api?.close();
});

async function purchaseOrder() {
  const customer = await finance.trpc.customers.create.mutate({ name: "PO-Kunde AG" });
  const project = await finance.trpc.projects.create.mutate({
    name: "PO-Projekt",
    customerId: customer.id,
  });
  const supplier = await finance.trpc.suppliers.create.mutate({ name: "Lieferantin" });
  return finance.trpc.purchaseOrders.create.mutate({
    projectId: project.id,
    supplierId: supplier.id,
    amount: "300.00",
  });
}

describe("invoice group PDFs", () => {
  it("issuing queues version 1 once, under its deterministic job id; a draft queues none", async () => {
    const customer = await finance.trpc.customers.create.mutate({ name: "SR-Kunde AG" });
    const draft = await finance.trpc.salesDocuments.create.mutate({
      type: "invoice",
      customerId: customer.id,
      lines: [{ description: "Beratung", quantity: "2", unitPrice: "120.00" }],
    });
    const invoice = await finance.trpc.salesDocuments.issue.mutate({ id: draft.id });
    const group = await finance.trpc.invoiceGroups.create.mutate({
      customerId: customer.id,
      currency: "EUR",
      invoiceDate: invoice.issuedDate!,
    });
    await finance.trpc.invoiceGroups.addInvoice.mutate({ id: group.id, invoiceId: invoice.id });
    const jobId = recordPdfJobId("invoiceGroup", group.id, 1);
    expect(await queue.getJob(jobId)).toBeUndefined();

    await finance.trpc.invoiceGroups.transition.mutate({ id: group.id, action: "issue" });
    const job = await queue.getJob(jobId);
    expect(job?.name).toBe(QUEUES.recordPdfs.jobs.renderInvoiceGroupPdf.name);
    expect(job?.data).toEqual({ invoiceGroupId: group.id, version: 1 });
    // Asking again (the page's "render", a download) is the same job.
    const status = await finance.trpc.invoiceGroupPdfs.queue.mutate({ id: group.id });
    expect(status.job?.id).toBe(jobId);
    expect(
      (await queue.getJobs(["waiting", "delayed", "prioritized"])).filter((each) =>
        each.id?.includes(group.id),
      ),
    ).toHaveLength(1);
  });
});

describe("purchase order PDFs", () => {
  it("renders on demand, sends the stored PDF, goes stale on a change, regenerates audited", async () => {
    const po = await purchaseOrder();
    const url = `${api.url}/files/purchase-orders/${po.id}/pdf?download=1`;
    // Nothing queued at creation: the first download asks for it (and, without a worker, waits).
    expect(await queue.getJob(recordPdfJobId("purchaseOrder", po.id, 1))).toBeUndefined();
    const waiting = await finance.fetch(url);
    expect(waiting.status).toBe(503);
    expect((await queue.getJob(recordPdfJobId("purchaseOrder", po.id, 1)))?.data).toEqual({
      purchaseOrderId: po.id,
      version: 1,
    });

    // What the worker does once it has rendered (apps/worker/src/processors/documents.ts).
    const row = await api.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } });
    const files = createFileStore(api.env.STORAGE_DIR);
    const renderer = systemActor("pdf-renderer");
    const store = (version: number, sourceUpdatedAt: Date) =>
      storeRecordPdf(api.db, files, renderer, "purchaseOrder", {
        recordId: po.id,
        version,
        fileName: `${po.number}.pdf`,
        bytes,
        sourceUpdatedAt,
      });
    const stored = await store(1, row.updatedAt);
    expect(stored.created).toBe(true);
    // Storing the same version again (a retry, a second worker) keeps the first row.
    const again = await store(1, row.updatedAt);
    expect(again).toEqual({ pdf: stored.pdf, created: false });

    const ready = await finance.fetch(url);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("content-type")).toBe("application/pdf");
    expect(ready.headers.get("content-disposition")).toContain(
      `attachment; filename="${po.number}.pdf"`,
    );
    expect(new Uint8Array(await ready.arrayBuffer())).toEqual(bytes);
    expect(await fetch(url)).toHaveProperty("status", 401);

    // A change makes the stored PDF an older state: the status says so, asking queues v2.
    await finance.trpc.purchaseOrders.update.mutate({ id: po.id, values: { notes: "Neu" } });
    const stale = await finance.trpc.purchaseOrderPdfs.status.query({ id: po.id });
    expect(stale).toMatchObject({ current: false, pdf: { version: 1 } });
    const queued = await finance.trpc.purchaseOrderPdfs.queue.mutate({ id: po.id });
    expect(queued.job?.id).toBe(recordPdfJobId("purchaseOrder", po.id, 2));

    // Regenerate: team members may read a PO but not write it.
    const member = await api.signInAs("team_member");
    await expect(member.purchaseOrderPdfs.regenerate.mutate({ id: po.id })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    expect((await member.purchaseOrderPdfs.status.query({ id: po.id })).pdf?.version).toBe(1);
    await finance.trpc.purchaseOrderPdfs.regenerate.mutate({ id: po.id });
    const events = await api.db.auditEvent.findMany({
      where: {
        entityType: "purchaseOrder",
        entityId: po.id,
        action: { in: ["storePdf", "regeneratePdf"] },
      },
      select: { action: true, actorId: true },
      orderBy: { occurredAt: "asc" },
    });
    expect(events).toEqual([
      { action: "storePdf", actorId: null },
      { action: "regeneratePdf", actorId: api.users.finance.id },
    ]);
  });

  it("answers 404 for a purchase order that does not exist, and leaves other paths alone", async () => {
    const missing = await finance.fetch(
      `${api.url}/files/purchase-orders/00000000-0000-4000-8000-000000000000/pdf`,
    );
    expect(missing.status).toBe(404);
    const noEInvoice = await finance.fetch(
      `${api.url}/files/purchase-orders/00000000-0000-4000-8000-000000000000/xrechnung-ubl.xml`,
    );
    expect(noEInvoice.status).toBe(404);
  });
});
