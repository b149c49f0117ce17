import type { Db } from "@ledgerline/db";
import {
  addDays,
  type CreateSalesDocumentInput,
  type CreateCustomerInput,
  type IsoDate,
  type PaymentMethod,
  type CreateProjectInput,
  type Role,
  type CreateSupplierInput,
} from "@ledgerline/domain";
import { systemActor, type Actor } from "../actor.ts";
import { createCustomer } from "../customers/customers.ts";
import { createPayment } from "../payments/payments.ts";
import { companyToday } from "../sales-documents/company-context.ts";
import { createSalesDocument } from "../sales-documents/create-sales-document.ts";
import { issueSalesDocument } from "../sales-documents/status-actions.ts";
import { createProject } from "../projects/projects.ts";
import { addDisbursementItem } from "../purchase-orders/disbursements.ts";
import { recordPurchaseOrderMilestone } from "../purchase-orders/milestones.ts";
import { transitionPurchaseOrder } from "../purchase-orders/purchase-order-actions.ts";
import { createPurchaseOrder } from "../purchase-orders/write-purchase-order.ts";
import { updateCompanySettings } from "../settings/company-settings.ts";
import { createSupplier } from "../suppliers/suppliers.ts";
import { createUser } from "../users/users.ts";

/**
 * Demo data: a fictional agency with one user per role, customers, projects, suppliers and a
 * few weeks of invoices, payments and a quote.
 * Every name, address and bank account here is invented (DE89 3704 0044 0532 0130 00 is the
 * IBAN standard's own example). Running it again adds nothing that is already there.
 */
export const DEMO_PASSWORD = "ledgerline-demo";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "admin@demo.ledgerline.test", name: "Ada Admin", role: "admin" },
  { email: "finance@demo.ledgerline.test", name: "Fiona Finance", role: "finance" },
  { email: "lead@demo.ledgerline.test", name: "Leo Lead", role: "team_lead" },
  { email: "member@demo.ledgerline.test", name: "Mia Member", role: "team_member" },
];

const DEMO_CUSTOMERS: CreateCustomerInput[] = [
  {
    name: "Blauwal Reisen GmbH",
    email: "buchhaltung@blauwal-reisen.example",
    city: "Hamburg",
    postalCode: "20095",
    street: "Fischmarkt 12",
    vatId: "DE123456789",
    paymentTermsDays: 14,
    contacts: [
      {
        name: "Jana Kiel",
        email: "jana.kiel@blauwal-reisen.example",
        position: "Marketing",
        isPrimary: true,
      },
    ],
  },
  {
    name: "Kaffeerösterei Bohnenglück",
    email: "info@bohnenglueck.example",
    city: "Leipzig",
    postalCode: "04109",
    street: "Röstweg 3",
    paymentTermsDays: 30,
    contacts: [{ name: "Paul Brandt", email: "paul@bohnenglueck.example", isPrimary: true }],
  },
  {
    name: "Lumen Medical AG",
    email: "ap@lumen-medical.example",
    city: "Zürich",
    postalCode: "8001",
    country: "CH",
    defaultCurrency: "CHF",
    paymentTermsDays: 30,
    contacts: [
      {
        name: "Dr. Nora Weiss",
        email: "n.weiss@lumen-medical.example",
        position: "Regulatory Affairs",
        isPrimary: true,
      },
    ],
  },
  {
    name: "Northwind Outdoor Ltd",
    email: "accounts@northwind-outdoor.example",
    city: "Manchester",
    postalCode: "M1 1AE",
    country: "GB",
    defaultCurrency: "GBP",
    paymentTermsDays: 30,
  },
  {
    name: "Stadtwerke Musterstadt",
    email: "rechnung@stadtwerke-musterstadt.example",
    city: "Musterstadt",
    postalCode: "12345",
    paymentTermsDays: 21,
  },
  {
    name: "Grünfeld Architekten PartG",
    email: "buero@gruenfeld-architekten.example",
    city: "München",
    postalCode: "80331",
    paymentTermsDays: 14,
  },
  {
    name: "Pixelwerk Games UG",
    email: "finance@pixelwerk.example",
    city: "Köln",
    postalCode: "50667",
    paymentTermsDays: 14,
  },
  {
    name: "Atlas Maschinenbau KG",
    email: "einkauf@atlas-maschinen.example",
    city: "Stuttgart",
    postalCode: "70173",
    paymentTermsDays: 45,
  },
  {
    name: "Sonnenhof Bio-Markt",
    email: "kontakt@sonnenhof-bio.example",
    city: "Freiburg",
    postalCode: "79098",
    paymentTermsDays: 7,
  },
  {
    name: "Meridian Legal LLP",
    email: "billing@meridian-legal.example",
    city: "New York",
    postalCode: "10001",
    country: "US",
    defaultCurrency: "USD",
    paymentTermsDays: 30,
  },
];

const DEMO_SUPPLIERS: CreateSupplierInput[] = [
  {
    name: "Clara Dubois",
    kind: "freelancer",
    email: "clara@dubois-traductions.example",
    city: "Lyon",
    country: "FR",
    languagePairs: ["de>fr", "en>fr"],
    iban: "DE89 3704 0044 0532 0130 00",
  },
  {
    name: "Marco Rossi",
    kind: "freelancer",
    email: "marco.rossi@traduzioni.example",
    city: "Bologna",
    country: "IT",
    languagePairs: ["de>it", "en>it"],
  },
  {
    name: "Sofia Almeida",
    kind: "freelancer",
    email: "sofia@almeida-translations.example",
    city: "Lisboa",
    country: "PT",
    languagePairs: ["en>pt-pt", "en>pt-br"],
  },
  {
    name: "Lingua Nova Sp. z o.o.",
    kind: "agency",
    email: "projects@linguanova.example",
    city: "Kraków",
    country: "PL",
    defaultCurrency: "PLN",
    languagePairs: ["de>pl", "en>pl", "en>cs"],
  },
  {
    name: "Setzkasten DTP Studio",
    kind: "agency",
    email: "auftrag@setzkasten-dtp.example",
    city: "Berlin",
    languagePairs: [],
  },
  {
    name: "Hannah Berg",
    kind: "freelancer",
    email: "hannah@berg-uebersetzungen.example",
    city: "Bremen",
    languagePairs: ["en>de", "sv>de"],
  },
];

const DEMO_PROJECTS: Array<
  Omit<CreateProjectInput, "customerId" | "managerId"> & { customer: string; manager?: string }
> = [
  {
    name: "Website-Relaunch 2026",
    customer: "Blauwal Reisen GmbH",
    manager: "lead@demo.ledgerline.test",
    status: "active",
    startDate: "2026-09-01",
  },
  {
    name: "Katalog Sommer – Übersetzung EN/FR",
    customer: "Blauwal Reisen GmbH",
    manager: "lead@demo.ledgerline.test",
    status: "completed",
    startDate: "2026-03-01",
    endDate: "2026-05-15",
  },
  {
    name: "Verpackungsdesign Espresso-Linie",
    customer: "Kaffeerösterei Bohnenglück",
    status: "active",
  },
  {
    name: "IFU-Übersetzung (12 Sprachen)",
    customer: "Lumen Medical AG",
    manager: "lead@demo.ledgerline.test",
    status: "active",
    startDate: "2026-10-01",
  },
  { name: "Brand Campaign Autumn", customer: "Northwind Outdoor Ltd", status: "on_hold" },
  {
    name: "Geschäftsbericht 2026",
    customer: "Stadtwerke Musterstadt",
    manager: "lead@demo.ledgerline.test",
    status: "active",
  },
  {
    name: "Wettbewerbsbeitrag Rathausplatz",
    customer: "Grünfeld Architekten PartG",
    status: "completed",
    startDate: "2026-01-10",
    endDate: "2026-02-28",
  },
  { name: "Game Localisation DE/FR/IT", customer: "Pixelwerk Games UG", status: "active" },
  { name: "Bedienungsanleitungen Serie X", customer: "Atlas Maschinenbau KG", status: "active" },
  { name: "Contract Translations Q4", customer: "Meridian Legal LLP", status: "active" },
];

export interface DemoSeedResult {
  users: number;
  customers: number;
  suppliers: number;
  projects: number;
  documents: number;
  purchaseOrders: number;
}

/**
 * A few weeks of business, dated back from today so the screens show every state: a paid
 * invoice, an overdue one partly paid, open ones in EUR and CHF, an open quote and a draft.
 * Issued oldest first, as numbers follow issued dates.
 */
const DEMO_DOCUMENTS: ReadonlyArray<{
  customer: string;
  type: CreateSalesDocumentInput["type"];
  daysAgo: number | null;
  lines: CreateSalesDocumentInput["lines"];
  payments?: ReadonlyArray<{ daysAgo: number; amount: string; method: PaymentMethod }>;
}> = [
  {
    customer: "Blauwal Reisen GmbH",
    type: "invoice",
    daysAgo: 58,
    lines: [
      {
        description: "Website translation EN>DE, 24 pages",
        quantity: "24",
        unit: "Pages",
        unitPrice: "42.50",
      },
      { description: "Terminology list", quantity: "1", unitPrice: "180.00" },
    ],
    payments: [{ daysAgo: 49, amount: "1428.00", method: "bank_transfer" }],
  },
  {
    customer: "Kaffeerösterei Bohnenglück",
    type: "invoice",
    daysAgo: 44,
    lines: [
      { description: "Packaging copy DE>FR", quantity: "6.5", unit: "Hours", unitPrice: "68.00" },
      {
        description: "Proofreading",
        quantity: "2",
        unit: "Hours",
        unitPrice: "55.00",
        discountPercent: "10",
      },
    ],
    payments: [{ daysAgo: 20, amount: "250.00", method: "sepa" }],
  },
  {
    customer: "Lumen Medical AG",
    type: "invoice",
    daysAgo: 12,
    lines: [
      {
        description: "Instructions for use DE>IT, review",
        quantity: "14",
        unit: "Hours",
        unitPrice: "95.00",
        taxRate: "0",
      },
    ],
  },
  {
    customer: "Blauwal Reisen GmbH",
    type: "quote",
    daysAgo: 6,
    lines: [
      {
        description: "Brochure translation EN>DE, 40 pages",
        quantity: "40",
        unit: "Pages",
        unitPrice: "39.00",
      },
      { description: "Layout check", quantity: "1", unitPrice: "120.00", taxRate: "7" },
    ],
  },
  {
    customer: "Blauwal Reisen GmbH",
    type: "invoice",
    daysAgo: 3,
    lines: [
      {
        description: "Newsletter translation EN>DE",
        quantity: "3",
        unit: "Hours",
        unitPrice: "72.00",
      },
    ],
  },
  {
    customer: "Kaffeerösterei Bohnenglück",
    type: "invoice",
    daysAgo: null,
    lines: [
      {
        description: "Café menu DE>EN (draft)",
        quantity: "1.5",
        unit: "Hours",
        unitPrice: "68.00",
      },
    ],
  },
];

/** The demo documents, once: only into a database that has no sales documents yet. */
async function seedDemoDocuments(
  db: Db,
  actor: Actor,
  customerIds: ReadonlyMap<string, string>,
  today: IsoDate,
): Promise<number> {
  if ((await db.salesDocument.count()) > 0) return 0;
  for (const document of DEMO_DOCUMENTS) {
    const issuedDate = document.daysAgo === null ? null : addDays(today, -document.daysAgo);
    const draft = await createSalesDocument(db, actor, {
      type: document.type,
      customerId: customerIds.get(document.customer)!,
      lines: document.lines,
      issuedDate,
    });
    if (issuedDate === null) continue;
    await issueSalesDocument(db, actor, { id: draft.id, issuedDate });
    for (const payment of document.payments ?? []) {
      await createPayment(db, actor, {
        salesDocumentId: draft.id,
        amount: payment.amount,
        paymentDate: addDays(today, -payment.daysAgo),
        method: payment.method,
      });
    }
  }
  return DEMO_DOCUMENTS.length;
}

/**
 * A few purchase orders in several statuses, once (into a database without any): pending,
 * in progress with a disbursement, completed and waiting for approval (above the 500.00
 * auto-approval threshold), approved automatically (under it), paid, and disputed.
 */
async function seedDemoPurchaseOrders(db: Db, actor: Actor, today: IsoDate): Promise<number> {
  if ((await db.purchaseOrder.count()) > 0) return 0;
  const projects = await db.project.findMany({
    where: { archivedAt: null },
    orderBy: { number: "asc" },
    select: { id: true },
    take: 3,
  });
  const suppliers = await db.supplier.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true },
  });
  if (projects.length === 0 || suppliers.length === 0) return 0;
  const projectAt = (index: number) => projects[index % projects.length]!.id;
  const supplierAt = (index: number) => suppliers[index % suppliers.length]!.id;
  const plans: ReadonlyArray<{
    amount: string;
    steps: ReadonlyArray<"accept" | "25" | "100" | "approve" | "pay" | "dispute">;
    dtp?: boolean;
  }> = [
    { amount: "640.00", steps: [] },
    { amount: "1250.00", steps: ["accept", "25"], dtp: true },
    { amount: "1800.00", steps: ["accept", "25", "100"] },
    { amount: "320.00", steps: ["accept", "100"] },
    { amount: "950.00", steps: ["accept", "25", "100", "approve", "pay"] },
    { amount: "700.00", steps: ["accept", "100", "dispute"] },
  ];
  for (const [index, plan] of plans.entries()) {
    const po = await createPurchaseOrder(db, actor, {
      projectId: projectAt(index),
      supplierId: supplierAt(index),
      amount: plan.amount,
      type: plan.dtp ? "dtp" : "translation",
      dueDate: addDays(today, 14 + index * 7),
      targetLanguage: "en",
      notes: "Demo",
    });
    if (plan.dtp) {
      await addDisbursementItem(db, actor, {
        purchaseOrderId: po.id,
        itemType: "dtp",
        itemTypeInfo: "Layout, 24 pages",
        units: 24,
        ratePerUnit: "12.50",
        totalCost: "300.00",
      });
    }
    for (const step of plan.steps) {
      if (step === "25" || step === "100") {
        await recordPurchaseOrderMilestone(
          db,
          actor,
          { purchaseOrderId: po.id, percentage: Number(step), confirmed: step === "100" },
          { ipAddress: null },
        );
      } else if (step === "pay") {
        await transitionPurchaseOrder(db, actor, { id: po.id, action: "markPaid" });
      } else if (step === "dispute") {
        await transitionPurchaseOrder(db, actor, {
          id: po.id,
          action: "dispute",
          reason: "Two chapters missing",
        });
      } else {
        await transitionPurchaseOrder(db, actor, { id: po.id, action: step });
      }
    }
  }
  return plans.length;
}

export async function seedDemoData(db: Db): Promise<DemoSeedResult> {
  const actor = systemActor("demo seed");
  const result: DemoSeedResult = {
    users: 0,
    customers: 0,
    suppliers: 0,
    projects: 0,
    documents: 0,
    purchaseOrders: 0,
  };

  if (!(await db.companySettings.findUnique({ where: { id: 1 } }))) {
    await updateCompanySettings(db, actor, {
      legalName: "Studio Beispiel GmbH",
      street: "Musterallee 42",
      postalCode: "10115",
      city: "Berlin",
      country: "DE",
      email: "hallo@studio-beispiel.example",
      phone: "+49 30 1234567",
      website: "https://studio-beispiel.example",
      vatId: "DE000000000",
      taxNumber: "00/000/00000",
      bankName: "Beispielbank",
      iban: "DE89 3704 0044 0532 0130 00",
      bic: "COBADEFFXXX",
      defaultCurrency: "EUR",
      defaultPaymentTermsDays: 14,
      defaultTaxRate: "19",
      defaultLocale: "de",
      invoiceApprovalPolicy: "threshold",
      invoiceApprovalThreshold: "10000.00",
      purchaseOrderAutoApprovalThreshold: "500.00",
    });
  }

  const userIds = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const existing = await db.user.findUnique({
      where: { email: user.email },
      select: { id: true },
    });
    const id =
      existing?.id ?? (await createUser(db, actor, { ...user, password: DEMO_PASSWORD })).id;
    if (!existing) result.users += 1;
    userIds.set(user.email, id);
  }

  const customerIds = new Map<string, string>();
  for (const customer of DEMO_CUSTOMERS) {
    const existing = await db.customer.findFirst({
      where: { name: customer.name },
      select: { id: true },
    });
    const id = existing?.id ?? (await createCustomer(db, actor, customer)).id;
    if (!existing) result.customers += 1;
    customerIds.set(customer.name, id);
  }

  for (const supplier of DEMO_SUPPLIERS) {
    if (await db.supplier.findFirst({ where: { name: supplier.name }, select: { id: true } }))
      continue;
    await createSupplier(db, actor, supplier);
    result.suppliers += 1;
  }

  for (const { customer, manager, ...project } of DEMO_PROJECTS) {
    const customerId = customerIds.get(customer)!;
    if (
      await db.project.findFirst({
        where: { name: project.name, customerId },
        select: { id: true },
      })
    )
      continue;
    await createProject(db, actor, {
      ...project,
      customerId,
      managerId: manager ? userIds.get(manager)! : null,
    });
    result.projects += 1;
  }

  result.documents = await seedDemoDocuments(db, actor, customerIds, companyToday());
  result.purchaseOrders = await seedDemoPurchaseOrders(db, actor, companyToday());
  return result;
}
