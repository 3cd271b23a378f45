import { detectContentType, sanitizeFileName } from './file-types.js';

describe('detectContentType', () => {
  it.each([
    ['%PDF-1.7\n…', 'application/pdf'],
    ['\x89PNG\r\n\x1a\n\0\0', 'image/png'],
    ['\xff\xd8\xff\xe0\0\x10JFIF', 'image/jpeg'],
  ])('recognises %j', (head, type) => {
    expect(detectContentType(Buffer.from(head, 'latin1'))).toBe(type);
  });

  it.each(['<html><script>', 'PK\x03\x04', '%PD', '', ' %PDF-1.7', 'GIF89a'])(
    'rejects %j',
    (head) => {
      expect(detectContentType(Buffer.from(head, 'latin1'))).toBeUndefined();
    },
  );
});

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['.htaccess', 'htaccess'],
    ['-rf .pdf', 'rf .pdf'],
    ['report..final.pdf', 'report.final.pdf'],
    ['in\u0000voice\r\n.pdf', 'invoice.pdf'],
    ['"quoted"<name>.pdf', 'quotedname.pdf'],
    ['Ausweis Müller.pdf', 'Ausweis Müller.pdf'],
    ['', 'document'],
    [undefined, 'document'],
    ['../', 'document'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('caps the length', () => {
    expect(sanitizeFileName(`${'a'.repeat(500)}.pdf`)).toHaveLength(200);
  });
});
