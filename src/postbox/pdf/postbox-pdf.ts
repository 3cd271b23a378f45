import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';

export interface PostboxPdfContent {
  documentId: string;
  documentType: string;
  documentDate: string;
  /** Leaves room for an embedded signature (see PostboxSigner.sign). */
  signable: boolean;
  now?: Date;
}

const A4: [number, number] = [595.28, 841.89];

/** A one-page A4 PDF naming the document type and date, as the sandbox's stand-in document. */
export async function renderPostboxPdf(content: PostboxPdfContent): Promise<Buffer> {
  const now = content.now ?? new Date();
  const pdf = await PDFDocument.create();
  const title = `${content.documentType} ${content.documentDate}`;
  pdf.setTitle(title);
  pdf.setSubject(`Postbox document ${content.documentId}`);
  pdf.setAuthor('Compliance service');
  pdf.setCreator('Compliance service');
  pdf.setProducer('Compliance service');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  const page = pdf.addPage(A4);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const line = (text: string, y: number, size = 12, font = regular) =>
    page.drawText(text, { x: 56, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  line('Postbox document', 770, 10);
  line(content.documentType, 740, 20, bold);
  line(`Document date: ${content.documentDate}`, 708);
  line(`Document id: ${content.documentId}`, 690);
  line(`Generated: ${now.toISOString()}`, 672);
  line('Sandbox test document. It has no legal meaning.', 640, 10);
  if (content.signable) {
    pdflibAddPlaceholder({
      pdfDoc: pdf,
      reason: `Postbox ${content.documentType} ${content.documentDate}`,
      contactInfo: '',
      name: 'Compliance service',
      location: 'Sandbox',
      signingTime: now,
    });
  }
  // Plain objects, no object streams: the signature placeholder must be findable in the bytes.
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
