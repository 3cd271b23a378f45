import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { PDFDocument, PDFName, PDFSignature } from 'pdf-lib';

/** An uploaded PDF the signer cannot process; the message completes "file …". */
export class UnsignablePdfError extends Error {}

export interface PlaceholderDetails {
  reason: string;
  signingTime: Date;
}

/**
 * The uploaded PDF re-saved with room for an embedded signature (see PostboxSigner.sign). Refused:
 * an encrypted PDF, one already signed (re-saving would break that signature), one without pages
 * and anything pdf-lib cannot parse strictly.
 */
export async function withSignaturePlaceholder(
  pdf: Buffer,
  details: PlaceholderDetails,
): Promise<Buffer> {
  let document: PDFDocument;
  try {
    // pdf-lib's own EncryptedPDFError does not survive instanceof, so encryption is checked below.
    document = await PDFDocument.load(pdf, {
      ignoreEncryption: true,
      throwOnInvalidObject: true,
      updateMetadata: false,
    });
  } catch {
    throw malformed();
  }
  if (document.isEncrypted) {
    throw new UnsignablePdfError('is an encrypted PDF, which cannot be signed');
  }
  try {
    if (isSigned(document)) {
      throw new UnsignablePdfError(
        'already carries a PDF signature, which signing again would invalidate',
      );
    }
    if (document.getPageCount() === 0) {
      throw new UnsignablePdfError('is a PDF without pages, which cannot be signed');
    }
    pdflibAddPlaceholder({
      pdfDoc: document,
      reason: details.reason,
      contactInfo: '',
      name: 'Compliance service',
      location: '',
      signingTime: details.signingTime,
    });
    // Plain objects, no object streams: the signature placeholder must be findable in the bytes.
    return Buffer.from(await document.save({ useObjectStreams: false }));
  } catch (error) {
    throw error instanceof UnsignablePdfError ? error : malformed();
  }
}

const malformed = () => new UnsignablePdfError('is a malformed PDF, which cannot be signed');

function isSigned(document: PDFDocument): boolean {
  return document
    .getForm()
    .getFields()
    .some((field) => field instanceof PDFSignature && field.acroField.dict.has(PDFName.of('V')));
}
