declare module "sepa-payment-qr-code" {
  /** EPC069-12 payload text (the package ships no types). */
  export default function generateQrCode(data: {
    name: string;
    iban: string;
    bic?: string;
    amount: number | null;
    purposeCode?: string;
    structuredReference?: string;
    unstructuredReference?: string;
    information?: string;
  }): string;
}
